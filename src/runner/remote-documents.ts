import type { DocumentRun } from './document-session.ts';

// What a run (run-batch.ts) needs of whoever runs its changed documents elsewhere: queue workers
// (src/queue/) today. The unchanged check, slugs, locks and report stay with the run.

/** A changed document as the run hands it to another process (a queue worker). */
export interface RemoteDocument {
  file: string;
  slug: string;
  /** Hash of the input and settings, without the editors' corrections. */
  inputHash: string;
}

/** What another process made of a document: what a run here would have made (its outcome, files and counts). */
export type RemoteResult = DocumentRun;

/** Runs changed documents elsewhere (on queue workers) instead of through a gateway here. */
export interface RemoteDocuments {
  /** Documents handed over and not yet finished, at most. */
  readonly inFlight: number;
  /** Called once, before any document, with the fingerprint of the run's settings. */
  start(settings: string): Promise<void>;
  /** Resolves to the document's result; rejects with a SetupError when the other side is gone for good. */
  run(doc: RemoteDocument): Promise<RemoteResult>;
}
