// The app version, from package.json (inlined by the bundler in the Electron build).
import packageJson from '../../package.json' with { type: 'json' };

export const appVersion: string = packageJson.version;
