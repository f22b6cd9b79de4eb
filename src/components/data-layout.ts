// The published data's layout: the contract between the publish step (pipelines/publish/, which writes it) and
// the pages and the server (which read it). Pure TypeScript with no imports, so that the browser, the server and
// the publish step share one definition.
//
//   data/manifest.json                  names every file below with its content hash; replaced last, by rename
//   data/tong-hop/…                     province summaries: every signed-in user
//   data/toan-tinh/…                    the whole province unit by unit: province users only
//   data/dang-bo/<committee>/…          one committee's units and cells: that committee's staff and the province
//
// A file's published path carries its content hash (tong-hop/site.3fa9c1d2e4b5a6f7.json): a page reads the
// manifest once, then only files of that manifest, so it never mixes two publications.

/** Under the site root: the manifest is at /data/manifest.json. */
export const DATA_DIR = "data";
export const MANIFEST = "manifest.json";
export const SUMMARY_DIR = "tong-hop";
export const PROVINCE_DIR = "toan-tinh";
export const COMMITTEE_DIR = "dang-bo";
/** How many files the unit locator (unit code → committee) is split into. */
export const LOCATOR_SHARDS = 64;
/** 2: entries without a full sha256 (the path carries the hash); the upper series also split for the unit page. */
export const MANIFEST_FORMAT = 2;

/** Logical names of the summary files (every user). */
export const SUMMARY = {
  site: `${SUMMARY_DIR}/site.json`,
  overview: `${SUMMARY_DIR}/overview.json`,
  series: `${SUMMARY_DIR}/chuoi.json`,
  /** The province page's cut of chuoi.json: every row's values, counts and ranks of the province only. */
  provinceSeries: `${SUMMARY_DIR}/chuoi-tinh.json`,
  methods: `${SUMMARY_DIR}/phuong-phap.json`,
  exportYear: `${SUMMARY_DIR}/xuat-nam.json`,
  exportQuarter: `${SUMMARY_DIR}/xuat-quy.json`,
  exportMonth: `${SUMMARY_DIR}/xuat-thang.json`,
  quality: `${SUMMARY_DIR}/chat-luong.json`,
  parquetValues: `${SUMMARY_DIR}/chi-tieu.parquet`,
  parquetCatalog: `${SUMMARY_DIR}/danh-muc-chi-tieu.parquet`
} as const;

/** Logical names of the province-only files. */
export const PROVINCE = {
  quality: `${PROVINCE_DIR}/chat-luong.json`,
  search: `${PROVINCE_DIR}/tim-kiem.json`
} as const;

/** Logical name of a locator shard: { "<unit code>": "<committee code>" } for every unit but the province. */
export function locatorName(shard: number): string {
  return `${PROVINCE_DIR}/tra-cuu/${String(shard).padStart(2, "0")}.json`;
}

/**
 * The unit page's cut of chuoi.json for a committee and its grassroots organisations: the province and the
 * committees of one shard (locatorShard of the committee's code), with all their counts and ranks. At national
 * scale chuoi.json is over 1 MB compressed; a shard is a sixty-fourth of it.
 */
export function upperShardName(committee: string): string {
  return upperShard(locatorShard(committee));
}

/** Logical name of shard `shard` of the upper series. */
export function upperShard(shard: number): string {
  return `${SUMMARY_DIR}/chuoi-dang-bo/${String(shard).padStart(2, "0")}.json`;
}

/** The files of one committee. */
export const COMMITTEE_FILES = {
  units: "don-vi.json",
  series: "chuoi.json",
  exportGrassroots: "xuat-co-so.json",
  exportCells: "xuat-chi-bo.json",
  quality: "chat-luong.json",
  parquetValues: "chi-tieu.parquet",
  parquetUnits: "don-vi.parquet"
} as const;

export type CommitteeFile = keyof typeof COMMITTEE_FILES;

export function committeeName(committee: string, file: CommitteeFile): string {
  return `${COMMITTEE_DIR}/${committee}/${COMMITTEE_FILES[file]}`;
}

/**
 * The unit crosswalk (old unit → new unit), written only when the warehouse has it and only where there are rows:
 * a committee's rows (its units' old or new committee is that committee) in its folder, and the rows of the
 * province and the committees themselves in a province file. Split so that no file holds a national reform whole.
 */
export const CROSSWALK = {
  province: `${PROVINCE_DIR}/don-vi-cu-moi.json`,
  committee: "don-vi-cu-moi.json"
} as const;

/** Logical name of a committee's crosswalk file. */
export function crosswalkName(committee: string): string {
  return `${COMMITTEE_DIR}/${committee}/${CROSSWALK.committee}`;
}

/** FNV-1a of the code's UTF-16 units, modulo the shard count: the same in Node and in the browser. */
export function locatorShard(code: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) {
    h ^= code.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % LOCATOR_SHARDS;
}

/** A unit code that can be a folder name and a URL segment as it is (the loaders' code rule is narrower). */
export const SAFE_CODE = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

export interface ManifestFile {
  /** Path under data/, with the content's hash (the first 16 hex digits of its SHA-256) in the name. */
  path: string;
  bytes: number;
}

export type Scope = {kind: "province"} | {kind: "committee"; code: string};

export interface Manifest {
  format: number;
  /** When this publication was made (ISO). */
  published: string;
  /** The pipeline run the data come from. */
  pipeline: {fingerprint: string | null; finishedAt: string | null};
  province: {code: string; name: string} | null;
  years: number[];
  terms: string[];
  /** Logical name → published file. */
  files: Record<string, ManifestFile>;
  /** Per committee, a fingerprint of what its files are computed from (the publish step's change detection). */
  committees: Record<string, {source: string}>;
  /** A fingerprint of the registry in force and the publish code: the search index and the locator depend on nothing else. */
  registry?: string;
  /** Set by a server that limits the reader to one committee (npm run serve -- --users); absent: everything. */
  scope?: Scope;
}

/** Who may read a logical or published path: everyone signed in, the province, or one committee and the province. */
export function pathScope(path: string): {kind: "summary"} | {kind: "province"} | {kind: "committee"; code: string} | null {
  const parts = path.replace(/^\/+/, "").split("/");
  if (parts[0] === MANIFEST && parts.length === 1) return {kind: "summary"};
  if (parts[0] === SUMMARY_DIR && parts.length >= 2) return {kind: "summary"};
  if (parts[0] === PROVINCE_DIR && parts.length >= 2) return {kind: "province"};
  if (parts[0] === COMMITTEE_DIR && parts.length >= 3 && parts[1]) return {kind: "committee", code: decodeURIComponent(parts[1])};
  return null;
}

/** Whether a reader with `scope` may read the file at `path` (under data/). */
export function mayRead(scope: Scope, path: string): boolean {
  const s = pathScope(path);
  if (!s) return false;
  if (scope.kind === "province" || s.kind === "summary") return true;
  return s.kind === "committee" && s.code === scope.code;
}

/** The manifest as a reader with `scope` sees it: only the files it may read, and its scope. */
export function manifestFor(manifest: Manifest, scope: Scope): Manifest {
  if (scope.kind === "province") return {...manifest, scope};
  const files = Object.fromEntries(Object.entries(manifest.files).filter(([name]) => mayRead(scope, name)));
  const committees = Object.fromEntries(Object.entries(manifest.committees).filter(([code]) => code === scope.code));
  return {...manifest, files, committees, scope};
}
