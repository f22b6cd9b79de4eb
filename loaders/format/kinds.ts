// The three kinds of submission and their names. Its own module so that the header synonyms (per kind) and the
// schemas (which read the synonyms) both depend on it without depending on each other.
export type Kind = "don_vi" | "sinh_hoat" | "danh_gia";
export const KINDS: Kind[] = ["don_vi", "sinh_hoat", "danh_gia"];

export const KIND_LABELS: Record<Kind, {vi: string; en: string}> = {
  don_vi: {vi: "Danh mục đơn vị", en: "unit registry"},
  sinh_hoat: {vi: "Sổ sinh hoạt chi bộ", en: "meeting log"},
  danh_gia: {vi: "Đánh giá, xếp loại hằng năm", en: "annual rating"}
};
