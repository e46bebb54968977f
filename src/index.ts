/**
 * The library: every stage the CLI runs, for pipelines that embed distill-forensics instead of shelling out.
 * ingest → features → clusters → scores → report.
 */
export { analyzeFeatureTable, analyzeLogs, type Analysis, type AnalyzeOptions } from './analyze.js';
export { ingest, type IngestOptions, DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_REJECTED } from './ingest/ingest.js';
export { IngestStats, type Rejection } from './ingest/collector.js';
export { RecordBatch, CANONICAL_FIELDS, type CanonicalField, type CanonicalRecord } from './ingest/record.js';
export { parseTime, formatTime } from './ingest/time.js';
export { normalizePrompt, promptHash } from './ingest/prompt.js';
export { PRESETS, getPreset, type Preset } from './ingest/presets/index.js';
export { loadAccounts, type AccountTable } from './ingest/accounts.js';
export { FeatureExtractor } from './features/extract.js';
export { FEATURE_COLUMNS, VALUE_LISTS, type Column, type FeatureRow } from './features/columns.js';
export { loadFeatureTable, stateFromRow } from './features/from-table.js';
export { writeFeatures } from './features/write-features.js';
export { detect, type Detection } from './detect.js';
export { clusterAccounts, type Clustering } from './cluster/graph.js';
export { scoreClusters, severityOf, SEVERITIES, type ScoredCluster, type Severity, type Evidence } from './score/score.js';
export { SIGNALS } from './score/signals.js';
export { defaultWeights, loadWeights, type Weights } from './score/weights.js';
export { buildReport, SCHEMA_VERSION, type Report, type ReportCluster } from './report/report.js';
export { compareWithBaseline, readBaseline, type BaselineOptions } from './report/baseline.js';
export { applyAllowlist, loadAllowlist, parseAllowlist, type Allowlist, type AllowlistEntry } from './report/allowlist.js';
export { redactReport, pseudonym, keyId, loadRedactionKey, type IdKind } from './report/redact.js';
export { finishReport, loadOutputInputs, type OutputOptions, type OutputInputs } from './report/outputs.js';
export { REPORTERS, REPORT_FORMATS, renderReport, isReportFormat, type ReportFormat, type ReportOptions } from './report/index.js';
export { validateReport, readReportFile } from './report/validate-report.js';
export { clusterDetail, type ClusterDetail } from './report/detail.js';
export { runExplain, type ExplainOptions } from './commands/explain.js';
export { renderSql, type SqlOptions } from './commands/sql.js';
export { ReaderWorkers } from './parallel/pool.js';
export { runScan, type ScanOptions, type ScanResult } from './commands/scan.js';
export { runFeatures, type FeaturesOptions } from './commands/features.js';
export { UsageError, InputError } from './errors.js';
export { simulate, readTruth, type SimulateOptions, type SimulateSummary, type Truth, type TruthGroup } from './simulate/index.js';
export { evaluateReport, formatEvaluation, type Evaluation } from './evaluate/evaluate.js';
