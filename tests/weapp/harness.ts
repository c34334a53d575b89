export * from './harness/index'
