// Test helpers: a throwaway warehouse in a temp folder, and a query shortcut.
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {openWarehouse, queryRows, type Warehouse} from "../../loaders/warehouse.ts";

export async function tempWarehouse(): Promise<{wh: Warehouse; dir: string; dispose(): void}> {
  const dir = mkdtempSync(join(tmpdir(), "chibo-test-"));
  const wh = await openWarehouse(join(dir, "warehouse.duckdb"));
  return {
    wh,
    dir,
    dispose() {
      wh.close();
      rmSync(dir, {recursive: true, force: true});
    }
  };
}

export const rows = queryRows;
export const FIXTURE = join(import.meta.dirname, "..", "fixtures", "mini");
