// Services every view shares: the engine client, the shared state store, the run state, the
// result cache, the compute worker and the open bundle.
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { PruneLensClient } from '../../src-shared/api/rpc';
import type { BundleSummary } from '../../src-shared/api/types';
import type { AnalysisController, AnalysisState } from './data/analysis-store';
import type { Queries } from './data/queries';
import type { ResourceCache } from './data/resource-cache';
import type { DerivedState } from './data/derived-store';
import type { AppStore } from './state/actions';
import type { AppState } from './state/app-state';
import type { Store } from './state/store';
import { useStore } from './state/store';
import type { ComputeClient } from './workers/compute-client';

export interface AppServices {
  api: PruneLensClient;
  store: AppStore;
  analysis: AnalysisController;
  cache: ResourceCache;
  compute: ComputeClient;
  derived: Store<DerivedState>;
}

export interface BundleServices {
  bundle: BundleSummary;
  queries: Queries;
}

const ServicesContext = createContext<AppServices | null>(null);
const BundleContext = createContext<BundleServices | null>(null);

export function ServicesProvider({ value, children }: { value: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={value}>{children}</ServicesContext.Provider>;
}

export function BundleProvider({ value, children }: { value: BundleServices; children: ReactNode }) {
  return <BundleContext.Provider value={value}>{children}</BundleContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <ServicesProvider>');
  return services;
}

export function useOpenBundle(): BundleServices {
  const bundle = useContext(BundleContext);
  if (!bundle) throw new Error('useOpenBundle outside <BundleProvider>');
  return bundle;
}

export function useAppState<U>(selector: (state: AppState) => U): U {
  return useStore(useServices().store, selector);
}

export function useAnalysis<U>(selector: (state: AnalysisState) => U): U {
  return useStore(useServices().analysis.store, selector);
}

export function useDerived<U>(selector: (state: DerivedState) => U): U {
  return useStore(useServices().derived, selector);
}
