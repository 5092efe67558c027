// The path field (serve mode has no native dialog): type a bundle folder, press Enter or Open.
import { useEffect, useState } from 'react';

export function OpenBundleForm({ initialPath, busy, onOpen }: { initialPath: string; busy: boolean; onOpen: (path: string) => void }) {
  const [path, setPath] = useState(initialPath);
  useEffect(() => setPath(initialPath), [initialPath]);
  return (
    <form
      className="open-bundle"
      onSubmit={(event) => {
        event.preventDefault();
        if (path.trim()) onOpen(path.trim());
      }}
    >
      <label htmlFor="bundle-path">Bundle</label>
      <input id="bundle-path" name="bundle-path" value={path} spellCheck={false} placeholder="/path/to/bundle (folder with bundle.json)" onChange={(e) => setPath(e.target.value)} />
      <button type="submit" disabled={busy || !path.trim()}>
        {busy ? 'Opening…' : 'Open'}
      </button>
    </form>
  );
}
