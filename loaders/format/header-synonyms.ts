// Header names clerks actually use, per kind and column, besides the template's ASCII key and Vietnamese label.
// Matching folds case, spacing, punctuation and diacritics (text.ts foldKey), so each name is written once, as a
// person would type it. docs/submission-format.md lists the same names; a test keeps the two in step and checks
// that no name points at two columns of one kind.
import type {Kind} from "./kinds.ts";

export const HEADER_SYNONYMS: Record<Kind, Record<string, string[]>> = {
  don_vi: {
    ma_don_vi: ["Mã số đơn vị", "Mã tổ chức đảng", "Mã TCĐ"],
    ten_don_vi: ["Tên tổ chức đảng", "Tên chi bộ, đảng bộ", "Đơn vị"],
    cap: ["Cấp tổ chức", "Cấp đơn vị", "Cấp tổ chức đảng"],
    ma_cap_tren: ["Mã cấp trên", "Mã đơn vị cấp trên trực tiếp", "Cấp trên trực tiếp"],
    loai_hinh: ["Loại hình tổ chức", "Loại hình TCCSĐ", "Loại hình tổ chức cơ sở đảng"],
    hieu_luc_tu: ["Ngày thành lập", "Từ ngày"],
    hieu_luc_den: ["Ngày giải thể", "Ngày hết hiệu lực", "Đến ngày"],
    sap_nhap_vao: ["Sáp nhập vào đơn vị", "Mã đơn vị tiếp nhận", "Đơn vị tiếp nhận"],
    ma_cu: ["Mã đơn vị cũ", "Mã trước đây"],
    ma_cap_tren_cu: ["Cấp trên cũ", "Mã đơn vị cấp trên cũ", "Đơn vị cấp trên cũ"],
    cap_tren_tu: ["Ngày chuyển cấp trên", "Ngày chuyển", "Ngày đổi cấp trên"]
  },
  sinh_hoat: {
    ma_chi_bo: ["Mã số chi bộ", "Mã CB"],
    ngay: ["Ngày", "Ngày họp", "Ngày SH", "Ngày sinh hoạt chi bộ"],
    loai: ["Loại", "Loại SH", "Loại buổi sinh hoạt"],
    dang_vien: ["Tổng số đảng viên", "Số ĐV", "Đảng viên", "Tổng số ĐV", "Số đảng viên trong danh sách"],
    mien: ["Miễn", "Số miễn sinh hoạt", "ĐV miễn sinh hoạt", "Số đảng viên miễn sinh hoạt", "Đảng viên miễn sinh hoạt"],
    co_mat: ["Số có mặt", "Số đảng viên có mặt", "ĐV có mặt", "Số ĐV có mặt", "Đảng viên có mặt"],
    vang_co_ly_do: ["Số vắng có lý do", "Vắng CLD", "Vắng có phép"],
    vang_khong_ly_do: ["Số vắng không lý do", "Vắng KLD", "Vắng không phép"],
    thoi_luong: ["Thời lượng", "Thời gian (phút)", "Số phút"],
    // the template's earlier header "Số ý kiến phát biểu" (it counts the members who spoke, not their contributions)
    so_phat_bieu: ["Số ý kiến phát biểu", "Số phát biểu", "Số ý kiến", "Số ĐV phát biểu", "Số người phát biểu"],
    cap_tren_du: ["Cấp trên dự", "Có cấp ủy cấp trên dự", "Cấp ủy viên cấp trên dự"],
    hinh_thuc: ["Hình thức sinh hoạt", "Hình thức họp"],
    dung_ngay: ["Đúng ngày", "Sinh hoạt đúng ngày", "Họp đúng ngày"],
    xep_loai: ["Xếp loại", "Xếp loại chất lượng", "Xếp loại chất lượng buổi sinh hoạt"],
    diem: ["Điểm đánh giá", "Điểm chấm", "Điểm số"],
    chu_de: ["Chủ đề sinh hoạt", "Nội dung", "Nội dung sinh hoạt"],
    ghi_chu: ["Ghi chú khác"]
  },
  danh_gia: {
    ma_don_vi: ["Mã số đơn vị", "Mã tổ chức đảng", "Mã TCĐ"],
    nam: ["Năm đánh giá", "Năm xếp loại"],
    xep_loai: ["Xếp loại tổ chức đảng", "Kết quả xếp loại", "Xếp loại chất lượng"],
    dang_vien: ["Tổng số đảng viên", "Số ĐV", "Đảng viên", "Tổng số ĐV", "Số đảng viên được đánh giá"],
    dv_htxs: ["HTXSNV", "Số ĐV HTXSNV", "Đảng viên hoàn thành xuất sắc nhiệm vụ"],
    dv_htt: ["HTTNV", "Số ĐV HTTNV", "Đảng viên hoàn thành tốt nhiệm vụ"],
    dv_ht: ["HTNV", "Số ĐV HTNV", "Đảng viên hoàn thành nhiệm vụ"],
    dv_kht: ["KHTNV", "Số ĐV KHTNV", "Đảng viên không hoàn thành nhiệm vụ"],
    bi_thu_boi_duong: ["Bí thư bồi dưỡng", "Bí thư đã được bồi dưỡng"]
  }
};
