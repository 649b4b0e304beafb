export * from './settings';
export * from './settings-namespace';
