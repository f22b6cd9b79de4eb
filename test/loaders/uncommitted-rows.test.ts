// Raw rows of a submission the ledger never recorded (what DuckDB can replay after an ingest killed while it
// committed) are gone as soon as a writer opens the warehouse; rows of recorded submissions stay.
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {openWarehouse} from "../../loaders/record/warehouse.ts";
import {rows, tempWarehouse} from "../helpers/warehouse.ts";

let ctx: Awaited<ReturnType<typeof tempWarehouse>>;
beforeEach(async () => {
  ctx = await tempWarehouse();
});
afterEach(() => ctx.dispose());

const meeting = (id: number, cell: string) =>
  `INSERT INTO raw_meetings (submission_id, committee_code, line, ma_chi_bo, ngay, loai, dang_vien, mien, co_mat) VALUES (${id}, 'HU-A', 2, '${cell}', DATE '2021-03-03', 'thuong_ky', 8, 1, 7)`;

describe("opening the warehouse to write", () => {
  it("removes raw rows whose submission is not in the ledger, above its last id, and keeps the others", async () => {
    const c = ctx.wh.conn;
    await c.run("INSERT INTO submissions VALUES (1, 'a.csv', 'x', 'sinh_hoat', 'HU-A', [2021], 1, 1, 0, 'accepted', now()::TIMESTAMP, now()::TIMESTAMP, NULL, NULL)");
    await c.run(meeting(1, "HU-A.001"));
    await c.run(meeting(2, "HU-A.002")); // the interrupted ingest's rows: id 2 was never recorded
    await c.run(meeting(2, "HU-A.003"));
    await c.run("INSERT INTO raw_units (submission_id, committee_code, line) VALUES (2, 'HU-A', 2)");
    ctx.wh.close();

    const reopened = await openWarehouse(join(ctx.dir, "warehouse.duckdb"));
    ctx.wh = reopened;
    expect(await rows(reopened.conn, "SELECT submission_id, ma_chi_bo FROM raw_meetings ORDER BY ALL")).toEqual([{submission_id: 1, ma_chi_bo: "HU-A.001"}]);
    expect(await rows(reopened.conn, "SELECT count(*)::INTEGER AS n FROM raw_units")).toEqual([{n: 0}]);
  });

  it("leaves a read-only reader's view alone", async () => {
    await ctx.wh.conn.run(meeting(7, "HU-A.001"));
    ctx.wh.close();
    const reader = await openWarehouse(join(ctx.dir, "warehouse.duckdb"), {readOnly: true});
    ctx.wh = reader;
    expect(await rows(reader.conn, "SELECT count(*)::INTEGER AS n FROM raw_meetings")).toEqual([{n: 1}]);
  });
});
