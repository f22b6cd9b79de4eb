// A tiny hand-written warehouse for site tests: province TQ, two committees, four catalog rows (one not on the
// overview), and a year one committee did not report.
import {DuckDBInstance} from "@duckdb/node-api";

/** A tiny warehouse: province TQ, two committees, four catalog rows (one not on the overview), a missing year. */
export async function writeSiteFixture(path: string): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const c = await instance.connect();
  await c.run(`CREATE TABLE dim_units(unit_code VARCHAR, unit_name VARCHAR, level VARCHAR, parent_code VARCHAR,
    committee_code VARCHAR, unit_type VARCHAR, valid_from DATE, valid_to DATE, merged_into VARCHAR)`);
  await c.run(`CREATE TABLE indicator_catalog(indicator VARCHAR, name_vi VARCHAR, short_vi VARCHAR, name_en VARCHAR,
    target DOUBLE, higher_is_better BOOLEAN, sort_order INTEGER)`);
  await c.run(`CREATE TABLE indicator_values(unit_code VARCHAR, period_type VARCHAR, period VARCHAR, indicator VARCHAR,
    numerator DOUBLE, denominator DOUBLE, value DOUBLE)`);
  await c.run(`INSERT INTO dim_units VALUES
    ('TQ', 'Đảng bộ tỉnh Tuyên Quang', 'tinh', NULL, NULL, 'khac', '2015-01-01', NULL, NULL),
    ('HU-LB', 'Huyện ủy Lâm Bình', 'tren_co_so', 'TQ', 'HU-LB', 'nong_thon', '2015-01-01', NULL, NULL),
    ('DU-CA', 'Đảng ủy Công an tỉnh', 'tren_co_so', 'TQ', 'DU-CA', 'luc_luong_vu_trang', '2015-01-01', NULL, NULL),
    ('HU-LB.01', 'Chi bộ thôn Nà Khà', 'chi_bo_co_so', 'HU-LB', 'HU-LB', 'nong_thon', '2015-01-01', NULL, NULL),
    ('HU-LB.02', 'Chi bộ thôn Khuổi Củng', 'chi_bo_co_so', 'HU-LB', 'HU-LB', 'nong_thon', '2015-01-01', '2019-06-30', 'HU-LB.01'),
    ('DU-CA.01', 'Đảng bộ Phòng Cảnh sát', 'dang_bo_co_so', 'DU-CA', 'DU-CA', 'luc_luong_vu_trang', '2015-01-01', NULL, NULL),
    ('DU-CA.01.1', 'Chi bộ Đội 1', 'chi_bo', 'DU-CA.01', 'DU-CA', 'luc_luong_vu_trang', '2015-01-01', NULL, NULL)`);
  await c.run(`INSERT INTO indicator_catalog VALUES
    ('regular_meeting_rate', 'Tỷ lệ tháng có sinh hoạt thường kỳ', 'Sinh hoạt thường kỳ', 'Regular', 1.0, true, 1),
    ('thematic_quarter_rate', 'Tỷ lệ quý có sinh hoạt chuyên đề', 'Sinh hoạt chuyên đề', 'Thematic', 1.0, true, 2),
    ('attendance_rate', 'Tỷ lệ đảng viên dự sinh hoạt', 'Tỷ lệ dự sinh hoạt', 'Attendance', 0.9, true, 3),
    ('future_indicator', 'Chỉ tiêu tương lai', 'Tương lai', 'Future', NULL, true, 9)`);
  const rows: string[] = [];
  const add = (unit: string, type: string, period: string, ind: string, num: number, den: number) =>
    rows.push(`('${unit}', '${type}', '${period}', '${ind}', ${num}, ${den}, ${num / den})`);
  for (const ind of ["regular_meeting_rate", "thematic_quarter_rate", "attendance_rate", "future_indicator"]) {
    for (const year of [2016, 2017, 2018, 2022]) {
      // HU-LB did not report 2018: no row at all (a gap, not a zero).
      if (year !== 2018) add("HU-LB", "year", String(year), ind, 18 + (year - 2016), 24);
      add("DU-CA", "year", String(year), ind, 11, 12);
    }
  }
  // Province figures with distinctive values the test looks for in the built JSON.
  add("TQ", "year", "2016", "regular_meeting_rate", 4321, 5000); // 0.8642
  add("TQ", "year", "2022", "regular_meeting_rate", 9876, 10000); // 0.9876
  add("TQ", "year", "2016", "thematic_quarter_rate", 3, 4);
  add("TQ", "year", "2022", "thematic_quarter_rate", 7, 8);
  add("TQ", "year", "2016", "attendance_rate", 80, 100);
  add("TQ", "year", "2022", "attendance_rate", 91, 100);
  add("TQ", "term", "2015-2020", "regular_meeting_rate", 123, 125); // 0.984
  add("TQ", "term", "2020-2025", "regular_meeting_rate", 99, 100);
  add("TQ", "month", "2022-01", "regular_meeting_rate", 1, 2); // not on the overview
  await c.run(`INSERT INTO indicator_values VALUES ${rows.join(", ")}`);
  c.closeSync();
  instance.closeSync();
}

