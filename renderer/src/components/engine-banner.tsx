// Desktop: when the engine process dies, say so and offer a restart; after a restart the
// bundle is opened again (finished results come back from the disk cache).
import { useEffect, useState } from 'react';
import { useServices } from '../app-context';

export function EngineBanner({ reopen }: { reopen: () => void }) {
  const { api } = useServices();
  const [crash, setCrash] = useState<string | null>(null);
  const [restarting, setRestarting] = useState(false);
  useEffect(
    () =>
      api.subscribe((event) => {
        if (event.type === 'engine-crashed') setCrash(event.message);
        if (event.type === 'engine-restarted') {
          setCrash(null);
          setRestarting(false);
          reopen();
        }
      }),
    [api, reopen],
  );
  if (!crash) return null;
  return (
    <div className="view-error engine-banner" role="alert" data-error-code="unavailable">
      <strong>The engine stopped.</strong> {crash}{' '}
      <button
        type="button"
        disabled={restarting}
        onClick={() => {
          setRestarting(true);
          api.restartEngine({}).catch((e: Error) => {
            setRestarting(false);
            setCrash(e.message);
          });
        }}
      >
        {restarting ? 'Restarting…' : 'Restart engine'}
      </button>
    </div>
  );
}
