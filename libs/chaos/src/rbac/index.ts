export * from './required-access.js';
export * from './rbac-manifests.js';
