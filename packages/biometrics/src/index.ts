// Biometrics engine: pure functions over bytes handed in; no network, no environment, no files.
export * from './image/index';
export * from './wsq/index';
export * from './fingerprint/index';
export * from './face/index';
export * from './ansi-nist/index';
