// The published data as the pages read them: the manifest first (never cached), then only the files it names
// (content-hashed, cached for ever). A page reads one manifest per load, so it never mixes two publications.
// Same origin, nothing else: the Content-Security-Policy stays 'self'. Layout: ./data-layout.ts.
import {COMMITTEE_FILES, committeeName, DATA_DIR, locatorName, locatorShard, MANIFEST, PROVINCE, type CommitteeFile, type Manifest, type Scope} from "./data-layout.js";

/** Raised when nothing is published yet, or a file cannot be read: the page shows the message, not a stack. */
export class PublishedDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PublishedDataError";
  }
}

export interface Published {
  manifest: Manifest;
  /** The reader's scope: the province (everything), or one committee (set by the server). */
  scope: Scope;
  has(name: string): boolean;
  /** The URL of a file (Parquet downloads), or null when the manifest does not name it. */
  url(name: string): string | null;
  json<T = any>(name: string): Promise<T>;
  /** A committee's file. */
  committee<T = any>(code: string, file: CommitteeFile): Promise<T>;
  /** Whether the reader may read a committee's files. */
  canRead(code: string): boolean;
  /** The committee of a unit code (itself for a committee), or null when the code is unknown. */
  committeeOf(code: string): Promise<string | null>;
}

const ROOT = `/${DATA_DIR}/`;

/** Fetches the manifest; `fetcher` is for tests. */
export async function openPublished(fetcher: typeof fetch = fetch, root = ROOT): Promise<Published> {
  let manifest: Manifest;
  try {
    const response = await fetcher(`${root}${MANIFEST}`, {cache: "no-store"});
    if (response.status === 404) throw new PublishedDataError("Chưa có dữ liệu công bố. Số liệu sẽ hiện ở đây khi Ban Tổ chức nạp và công bố các tệp báo cáo.");
    if (!response.ok) throw new PublishedDataError(`Không đọc được danh mục dữ liệu (${response.status}).`);
    manifest = (await response.json()) as Manifest;
  } catch (e) {
    if (e instanceof PublishedDataError) throw e;
    throw new PublishedDataError(`Không đọc được danh mục dữ liệu: ${(e as Error).message}`);
  }
  const cache = new Map<string, Promise<unknown>>();
  const scope: Scope = manifest.scope ?? {kind: "province"};
  const url = (name: string) => (manifest.files[name] ? `${root}${manifest.files[name].path}` : null);
  const json = <T>(name: string): Promise<T> => {
    let p = cache.get(name) as Promise<T> | undefined;
    if (!p) {
      const href = url(name);
      p = href
        ? fetcher(href).then((r) => {
            if (!r.ok) throw new PublishedDataError(`Không đọc được ${name} (${r.status}).`);
            return r.json() as Promise<T>;
          })
        : Promise.reject(new PublishedDataError(`Dữ liệu công bố không có tệp ${name}${scope.kind === "committee" ? " (ngoài phạm vi được xem)" : ""}.`));
      cache.set(name, p);
    }
    return p;
  };
  const canRead = (code: string) => (scope.kind === "province" || scope.code === code) && Boolean(manifest.files[committeeName(code, "units")]);
  return {
    manifest,
    scope,
    has: (name) => Boolean(manifest.files[name]),
    url,
    json,
    committee: <T>(code: string, file: CommitteeFile) => json<T>(committeeName(code, file)),
    canRead,
    async committeeOf(code: string): Promise<string | null> {
      if (manifest.committees[code]) return code;
      if (scope.kind === "committee") {
        const units = await json<{units: {code: string}[]}>(committeeName(scope.code, "units"));
        return units.units.some((u) => u.code === code) ? scope.code : null;
      }
      const shard = locatorName(locatorShard(code));
      if (!manifest.files[shard]) return null;
      return (await json<Record<string, string>>(shard))[code] ?? null;
    }
  };
}

export {COMMITTEE_FILES, PROVINCE};

/**
 * The published data for a page. When nothing is published yet (or the manifest cannot be read), the page's
 * content gives way to one Vietnamese message under its title, and the promise never settles: the page's cells
 * wait silently instead of each showing the same error.
 */
export async function loadPublished(fetcher: typeof fetch = fetch): Promise<Published> {
  try {
    return await openPublished(fetcher);
  } catch (e) {
    const main = document.getElementById("observablehq-main");
    if (main) {
      // The page's title; a page that draws its title from the data (Đơn vị) gets the one of its <title>.
      const title = main.querySelector("h1") ?? Object.assign(document.createElement("h1"), {textContent: document.title.split(" | ")[0]});
      const note = dataProblem(e);
      note.className = "warning no-data";
      note.setAttribute("label", "Chưa có dữ liệu");
      main.replaceChildren(...(title.textContent ? [title] : []), note);
    }
    return new Promise<never>(() => {});
  }
}

/** A Vietnamese message in place of a page's content when the data cannot be read. */
export function dataProblem(error: unknown): HTMLElement {
  const p = document.createElement("p");
  p.className = "pending-note";
  p.setAttribute("role", "alert");
  p.textContent = error instanceof PublishedDataError ? error.message : `Không đọc được dữ liệu: ${(error as Error)?.message ?? error}`;
  return p;
}
