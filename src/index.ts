// audarma's public API: the CLI and the nightly job are thin users of these.
export { loadConfig, validateConfig, type LoadedConfig } from './config/load-config.ts';
export { loadPipeline, type LoadedPipeline } from './config/load-pipeline.ts';
export { validateProject } from './config/validate-project.ts';
export { ConfigSchema, type Config } from './config/schema.ts';
export { PipelineSchema } from './config/pipeline-schema.ts';
export { readDocument } from './document/read.ts';
export { segmentFrench } from './document/segment-fr.ts';
export type { Article, Edition, Flag } from './document/article.ts';
export { loadGlossary, type Glossary } from './glossary/index.ts';
export { createGateway } from './inference/create-gateway.ts';
export type { Gateway } from './inference/gateway.ts';
export { runBatch, type BatchEvent, type BatchOptions } from './runner/run-batch.ts';
export { RunReportSchema, type RunReport } from './runner/report-schema.ts';
export { ResultSchema, type Result } from './output/result-schema.ts';
export { STEPS } from './steps/registry.ts';
export { defineStep } from './steps/define-step.ts';
export { ConfigError, formatProblem, type Problem } from './diagnostics/problem.ts';
