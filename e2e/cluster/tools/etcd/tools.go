//go:build tools

// Package tools pins the etcd server built by e2e/cluster/build.sh. Its own
// go.mod carries replace directives, so `go install …@version` refuses it.
package tools

import (
	_ "go.etcd.io/etcd/server/v3"
)
