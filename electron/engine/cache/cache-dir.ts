// Default cache folder: $PRUNELENS_CACHE, else the platform's user cache/app-data folder.
import os from 'node:os';
import path from 'node:path';

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.PRUNELENS_CACHE) return path.resolve(env.PRUNELENS_CACHE);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'PruneLens', 'cache');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'PruneLens');
  return path.join(env.XDG_CACHE_HOME ?? path.join(home, '.cache'), 'prunelens');
}
