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

/** A secret the rich fixture hides in a rejected row's value (a free-text note): no page or file may show it. */
export const SECRET_NOTE = "GHI-CHU-RIENG-KHONG-CONG-BO";
/** A submission whose file name does not follow the convention (it could carry a person's name). */
export const ODD_FILE_NAME = "bao_cao_cua_Nguyen_Van_A.csv";

/**
 * A richer warehouse in the shape of the indicator pipeline's marts (docs/indicators.md, "Marts"): three
 * committees, grassroots organisations with cells, a merger, years 2016–2022, terms and a few months, a score
 * and a rank indicator, an indicator for committees only, the comparable series, absorptions, reporting status,
 * and a ledger with a rejected and a partial file. Figures follow simple formulas so tests can predict them:
 * a unit's regular-meeting rate in year y is (80 + (y − 2016) × 2 + k) %, k ≤ 8 fixed per unit (see RICH_K).
 */
export const RICH_K: Record<string, number> = {
  TQ: 5,
  "TP-TQ": 6,
  "HU-LB": 3,
  "DU-CA": 8,
  "TP-TQ.001": 7,
  "TP-TQ.002": 4,
  "HU-LB.01": 1,
  "HU-LB.03": 4,
  "HU-LB.03.01": 4,
  "HU-LB.03.02": 0,
  "DU-CA.01": 8,
  "DU-CA.01.1": 8
};

export async function writeRichSiteFixture(path: string): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const c = await instance.connect();
  await c.run(`CREATE TABLE dim_units(unit_code VARCHAR, unit_name VARCHAR, level VARCHAR, parent_code VARCHAR,
    committee_code VARCHAR, unit_type VARCHAR, valid_from DATE, valid_to DATE, merged_into VARCHAR, holds_meetings BOOLEAN,
    current_unit_code VARCHAR, is_current BOOLEAN)`);
  await c.run(`INSERT INTO dim_units VALUES
    ('TQ', 'Đảng bộ tỉnh Tuyên Quang', 'tinh', NULL, NULL, 'khac', '2015-01-01', NULL, NULL, false, 'TQ', true),
    ('TP-TQ', 'Thành ủy Tuyên Quang', 'tren_co_so', 'TQ', 'TP-TQ', 'do_thi', '2015-01-01', NULL, NULL, false, 'TP-TQ', true),
    ('HU-LB', 'Huyện ủy Lâm Bình', 'tren_co_so', 'TQ', 'HU-LB', 'nong_thon', '2015-01-01', NULL, NULL, false, 'HU-LB', true),
    ('DU-CA', 'Đảng ủy Công an tỉnh', 'tren_co_so', 'TQ', 'DU-CA', 'luc_luong_vu_trang', '2015-01-01', NULL, NULL, false, 'DU-CA', true),
    ('TP-TQ.001', 'Đảng bộ phường Phan Thiết', 'dang_bo_co_so', 'TP-TQ', 'TP-TQ', 'do_thi', '2015-01-01', NULL, NULL, false, 'TP-TQ.001', true),
    ('TP-TQ.002', 'Chi bộ Công ty cổ phần Môi trường và Dịch vụ đô thị Tuyên Quang', 'chi_bo_co_so', 'TP-TQ', 'TP-TQ', 'doanh_nghiep', '2015-01-01', NULL, NULL, true, 'TP-TQ.002', true),
    ('HU-LB.01', 'Chi bộ thôn Nà Khà', 'chi_bo_co_so', 'HU-LB', 'HU-LB', 'nong_thon', '2015-01-01', NULL, NULL, true, 'HU-LB.01', true),
    ('HU-LB.03', 'Đảng bộ xã Thượng Lâm', 'dang_bo_co_so', 'HU-LB', 'HU-LB', 'nong_thon', '2015-01-01', NULL, NULL, false, 'HU-LB.03', true),
    ('HU-LB.03.01', 'Chi bộ thôn Nặm Đíp', 'chi_bo', 'HU-LB.03', 'HU-LB', 'nong_thon', '2015-01-01', NULL, NULL, true, 'HU-LB.03.01', true),
    ('HU-LB.03.02', 'Chi bộ thôn Khuổi Củng', 'chi_bo', 'HU-LB.03', 'HU-LB', 'nong_thon', '2015-01-01', '2019-06-30', 'HU-LB.03.01', true, 'HU-LB.03.01', false),
    ('DU-CA.01', 'Đảng bộ Phòng Cảnh sát', 'dang_bo_co_so', 'DU-CA', 'DU-CA', 'luc_luong_vu_trang', '2015-01-01', NULL, NULL, false, 'DU-CA.01', true),
    ('DU-CA.01.1', 'Chi bộ Đội 1', 'chi_bo', 'DU-CA.01', 'DU-CA', 'luc_luong_vu_trang', '2015-01-01', NULL, NULL, true, 'DU-CA.01.1', true)`);
  await c.run(`CREATE TABLE indicator_catalog(indicator VARCHAR, name_vi VARCHAR, short_vi VARCHAR, name_en VARCHAR,
    target DOUBLE, higher_is_better BOOLEAN, sort_order INTEGER, grain VARCHAR, unit VARCHAR, additive BOOLEAN, levels VARCHAR,
    group_key VARCHAR, group_vi VARCHAR, formula_vi VARCHAR, source VARCHAR)`);
  await c.run(`INSERT INTO indicator_catalog VALUES
    ('regular_meeting_rate', 'Tỷ lệ tháng có sinh hoạt thường kỳ', 'Sinh hoạt thường kỳ', 'Regular', 1.0, true, 1, 'month', 'share', true, 'all', 'meetings', 'Sinh hoạt chi bộ', 'Số chi bộ-tháng có sinh hoạt thường kỳ / số chi bộ-tháng phải sinh hoạt', 'Điều lệ Đảng'),
    ('thematic_quarter_rate', 'Tỷ lệ quý có sinh hoạt chuyên đề', 'Sinh hoạt chuyên đề', 'Thematic', 1.0, true, 2, 'quarter', 'share', true, 'all', 'meetings', 'Sinh hoạt chi bộ', 'Số chi bộ-quý có sinh hoạt chuyên đề / số chi bộ-quý', 'Hướng dẫn 12-HD/BTCTW (2018)'),
    ('attendance_rate', 'Tỷ lệ đảng viên dự sinh hoạt', 'Tỷ lệ dự sinh hoạt', 'Attendance', 0.9, true, 3, 'month', 'share', true, 'all', 'attendance', 'Dự sinh hoạt', 'Tổng số lượt có mặt / tổng số (đảng viên − miễn)', 'Quy định 29-QĐ/TW (2016)'),
    ('unexcused_absence_rate', 'Tỷ lệ vắng không lý do', 'Vắng không lý do', 'Unexcused absence', 0.0, false, 4, 'month', 'share', true, 'all', 'attendance', 'Dự sinh hoạt', 'Lượt vắng không lý do / (đảng viên − miễn)', 'Điều lệ Đảng (Điều 8)'),
    ('committee_reporting_rate', 'Tỷ lệ đảng bộ-năm đã nộp sổ sinh hoạt', 'Đảng bộ đã báo cáo', 'Committee reporting', 1.0, true, 5, 'year', 'share', true, 'committee', 'reporting', 'Báo cáo', 'Số đảng bộ-năm có sổ sinh hoạt / số phải báo cáo', 'Chế độ báo cáo'),
    ('quality_index', 'Chỉ số chất lượng sinh hoạt chi bộ', 'Chỉ số chất lượng', 'Quality index', NULL, true, 6, 'year', 'score', false, 'all', 'composite', 'Chỉ số tổng hợp', '100 × Σ trọng số × điểm thành phần / Σ trọng số', 'Tổng hợp'),
    ('quality_index_rank', 'Thứ hạng chỉ số chất lượng', 'Thứ hạng', 'Rank', NULL, false, 7, 'year', 'rank', false, 'all', 'composite', 'Chỉ số tổng hợp', 'Thứ hạng / số đơn vị cùng cấp', 'Tổng hợp')`);
  await c.run(`CREATE TABLE indicator_values(unit_code VARCHAR, period_type VARCHAR, period VARCHAR, indicator VARCHAR,
    numerator DOUBLE, denominator DOUBLE, value DOUBLE)`);
  const rows: string[] = [];
  const add = (unit: string, type: string, period: string, ind: string, num: number, den: number, value = num / den) =>
    rows.push(`('${unit}', '${type}', '${period}', '${ind}', ${num}, ${den}, ${value})`);
  const years = [2016, 2017, 2018, 2019, 2020, 2021, 2022];
  for (const [unit, k] of Object.entries(RICH_K)) {
    for (const year of years) {
      // HU-LB did not report 2018 (its units have no values that year); the merged cell stops after 2019.
      if (year === 2018 && (unit === "HU-LB" || unit.startsWith("HU-LB."))) continue;
      if (unit === "HU-LB.03.02" && year > 2019) continue;
      const y = year - 2016;
      add(unit, "year", String(year), "regular_meeting_rate", 80 + 2 * y + k, 100);
      add(unit, "year", String(year), "thematic_quarter_rate", 60 + 4 * y + k, 100);
      add(unit, "year", String(year), "attendance_rate", 850 + 5 * y + k, 1000);
      add(unit, "year", String(year), "unexcused_absence_rate", 40 - 3 * y + (k % 5), 1000);
      add(unit, "year", String(year), "quality_index", 60 + y + k, 1, 60 + y + k);
      if (unit === "TQ" || /^(TP-TQ|HU-LB|DU-CA)$/.test(unit)) add(unit, "year", String(year), "committee_reporting_rate", unit === "TQ" ? 20 : 1, unit === "TQ" ? 21 : 1);
    }
    for (const [term, from, to] of [["2015-2020", 2016, 2020], ["2020-2025", 2021, 2022]] as const) {
      const n = (to - from + 1) * 100;
      add(unit, "term", term, "regular_meeting_rate", Math.round(((80 + (from + to - 4032) + k) / 100) * n), n);
      add(unit, "term", term, "attendance_rate", Math.round(((850 + 2.5 * (from + to - 4032) + k) / 1000) * n), n);
    }
  }
  // Ranks among siblings (numerator = rank, denominator = siblings ranked).
  for (const year of years) {
    const committees = ["DU-CA", "TP-TQ", "HU-LB"].filter((u) => !(year === 2018 && u === "HU-LB"));
    committees.forEach((u, i) => add(u, "year", String(year), "quality_index_rank", i + 1, committees.length));
  }
  for (const m of ["01", "02", "03"]) add("TQ", "month", `2022-${m}`, "regular_meeting_rate", 90 + Number(m), 100);
  await c.run(`INSERT INTO indicator_values VALUES ${rows.join(", ")}`);
  // Comparable series: the absorbing cell's past includes the absorbed cell; the absorbed cell has no rows.
  await c.run(`CREATE VIEW indicator_values_comparable AS
    SELECT unit_code, period_type, period, indicator, numerator, denominator, value FROM indicator_values
    WHERE unit_code NOT IN ('HU-LB.03.01', 'HU-LB.03.02')
    UNION ALL
    SELECT 'HU-LB.03.01', period_type, period, indicator, sum(numerator), sum(denominator), sum(numerator) / sum(denominator)
    FROM indicator_values WHERE unit_code IN ('HU-LB.03.01', 'HU-LB.03.02') AND indicator <> 'quality_index_rank'
    GROUP BY ALL`);
  await c.run(`CREATE TABLE unit_absorptions(unit_code VARCHAR, absorbed_code VARCHAR, absorbed_name VARCHAR, absorbed_level VARCHAR,
    absorbed_valid_from DATE, merged_on DATE, via_code VARCHAR, generation INTEGER)`);
  await c.run(`INSERT INTO unit_absorptions VALUES ('HU-LB.03.01', 'HU-LB.03.02', 'Chi bộ thôn Khuổi Củng', 'chi_bo', '2015-01-01', '2019-06-30', 'HU-LB.03.01', 1)`);
  await c.run(`CREATE TABLE reporting_status(committee_code VARCHAR, year INTEGER, expected BOOLEAN, reported BOOLEAN,
    first_received_at TIMESTAMP, deadline DATE, on_time BOOLEAN, submission_ids INTEGER[])`);
  const status: string[] = [];
  for (const committee of ["TP-TQ", "HU-LB", "DU-CA"]) {
    for (const year of years) {
      const reported = !(committee === "HU-LB" && year === 2018);
      const late = committee === "DU-CA" && year === 2021;
      const received = reported ? `'${year + 1}-01-${late ? "28" : "10"} 09:00:00'` : "NULL";
      status.push(`('${committee}', ${year}, true, ${reported}, ${received}, '${year + 1}-01-15', ${reported && !late}, NULL)`);
    }
  }
  await c.run(`INSERT INTO reporting_status VALUES ${status.join(", ")}`);
  // The loader's ledger, with a rejected and a partial file, and a file name that does not follow the convention.
  await c.run(`CREATE TABLE submissions(submission_id INTEGER, file_name VARCHAR, sha256 VARCHAR, kind VARCHAR, committee_code VARCHAR,
    years INTEGER[], rows_read INTEGER, rows_loaded INTEGER, rows_rejected INTEGER, status VARCHAR, received_at TIMESTAMP,
    loaded_at TIMESTAMP, archive_path VARCHAR, message VARCHAR)`);
  const subs: string[] = [];
  let id = 0;
  for (const committee of ["TP-TQ", "HU-LB", "DU-CA"]) {
    subs.push(`(${++id}, 'don_vi_${committee}.csv', 'x', 'don_vi', '${committee}', NULL, 10, 10, 0, 'accepted', '2016-01-05', '2023-02-01', '/archive/x', 'Đã nạp / loaded')`);
    for (const year of years) {
      if (committee === "HU-LB" && year === 2018) continue;
      subs.push(`(${++id}, 'sinh_hoat_${committee}_${year}.csv', 'x', 'sinh_hoat', '${committee}', [${year}], 120, 120, 0, 'accepted', '${year + 1}-01-10', '2023-02-01', '/archive/x', 'Đã nạp / loaded')`);
    }
  }
  subs.push(`(${++id}, 'sinh_hoat_HU-LB_2018.csv', 'x', 'sinh_hoat', 'HU-LB', [2018], 50, 0, 50, 'rejected', '2019-01-20', '2023-02-01', '/archive/x', 'Tệp bị từ chối: 50 dòng lỗi / rejected: 50 bad rows')`);
  const rejectedId = id;
  subs.push(`(${++id}, 'danh_gia_DU-CA_2022.csv', 'x', 'danh_gia', 'DU-CA', [2022], 12, 10, 2, 'partial', '2023-01-12', '2023-02-01', '/archive/x', 'Đã nạp 10 dòng hợp lệ, loại 2 dòng / loaded 10 valid rows, quarantined 2')`);
  const partialId = id;
  subs.push(`(${++id}, '${ODD_FILE_NAME}', 'x', 'danh_gia', 'TP-TQ', [2022], 3, 3, 0, 'duplicate', '2023-01-13', '2023-02-01', '/archive/x', 'Trùng / duplicate')`);
  await c.run(`INSERT INTO submissions VALUES ${subs.join(", ")}`);
  await c.run(`CREATE TABLE rejected_rows(submission_id INTEGER, line INTEGER, column_name VARCHAR, value VARCHAR, code VARCHAR, message_vi VARCHAR, message_en VARCHAR)`);
  const rejected: string[] = [];
  for (let line = 2; line < 52; line++) {
    rejected.push(
      line % 2
        ? `(${rejectedId}, ${line}, 'Ngày', '32/13/2018', 'E_DATE', 'Ngày không hợp lệ', 'invalid date')`
        : `(${rejectedId}, ${line}, 'Ghi chú', '${SECRET_NOTE}', 'E_TOO_LONG', 'Ghi chú quá dài', 'note too long')`
    );
  }
  rejected.push(`(${partialId}, 5, 'Xếp loại', '${SECRET_NOTE}', 'E_ENUM', 'Giá trị không thuộc danh mục', 'not in list')`);
  rejected.push(`(${partialId}, 9, 'Xếp loại', 'xyz', 'E_ENUM', 'Giá trị không thuộc danh mục', 'not in list')`);
  await c.run(`INSERT INTO rejected_rows VALUES ${rejected.join(", ")}`);
  c.closeSync();
  instance.closeSync();
}

