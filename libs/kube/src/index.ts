export * from './kube-cluster.js';
export * from './kube-target-resolver.js';
export * from './rate-limit.js';
