// Vietnamese labels shared by pages (pure data).

/** Status of a file in the loader's ledger (`submissions.status`). */
export const STATUS_LABELS: Record<string, string> = {
  accepted: "Đã nạp",
  partial: "Nạp một phần",
  rejected: "Bị từ chối",
  superseded: "Đã được thay thế",
  duplicate: "Trùng, bỏ qua"
};

/** Level of a unit, as a plural noun for headings ("các … trực thuộc"). */
export const CHILD_NOUNS: Record<string, string> = {
  tinh: "đảng bộ trực thuộc",
  tren_co_so: "tổ chức cơ sở đảng",
  dang_bo_co_so: "chi bộ trực thuộc",
  chi_bo_co_so: "đơn vị trực thuộc",
  chi_bo: "đơn vị trực thuộc"
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}
