// @vitest-environment jsdom
// The check-before-sending page's pieces that need no browser: which committee a file's name names, and one
// file's card (verdict, problems with their rows, the cleaned file offered only when no error is left).
import {describe, expect, it} from "vitest";
import {committeeFromName, resultCard} from "../../src/components/file-check.ts";

const problem = (line: number | null, code: string, severity: "error" | "warning", vi: string) => ({line, column: "Số đảng viên", value: "1,234", code, vi, en: vi, severity});

describe("check before sending", () => {
  it("takes the committee from the file's name, the longest code that stands as a word", () => {
    const committees = ["HU-SD", "HU-S", "TP-TQ"];
    expect(committeeFromName("sinh_hoat_HU-SD_2022.csv", committees)).toBe("HU-SD");
    expect(committeeFromName("danh_gia_tp-tq_2021.xlsx", committees)).toBe("TP-TQ");
    expect(committeeFromName("sinh_hoat_HU-SDX_2022.csv", committees)).toBeNull();
    expect(committeeFromName("so_lieu.csv", committees)).toBeNull();
  });

  it("a file with an error: not sendable, each problem on its row, no cleaned file", () => {
    const card = resultCard(
      {fileName: "a.csv", kind: "sinh_hoat", rowsRead: 3, registryChecked: true, cleaned: null, problems: [problem(4, "E_INT", "error", "Phải là số nguyên"), problem(5, "W_TOTAL_ROW", "warning", "Dòng tổng cộng")]},
      "Huyện ủy Sơn Dương"
    );
    expect(card.querySelector(".check-verdict")!.textContent).toBe("Chưa gửi được: 1 lỗi, 1 cảnh báo");
    expect([...card.querySelectorAll("tr[data-code]")].map((tr) => [tr.children[0]!.textContent, tr.getAttribute("data-code")])).toEqual([
      ["4", "E_INT"],
      ["5", "W_TOTAL_ROW"]
    ]);
    expect(card.textContent).toContain("đối chiếu với danh mục của Huyện ủy Sơn Dương");
    expect(card.querySelector(".check-download")).toBeNull();
  });

  it("warnings only: sendable, and the cleaned file is offered", () => {
    const card = resultCard({fileName: "b.csv", kind: "sinh_hoat", rowsRead: 2, registryChecked: false, cleaned: {name: "b.csv", text: "x"}, problems: [problem(null, "W_MOJIBAKE_REPAIRED", "warning", "đã sửa")]}, null);
    expect(card.querySelector(".check-verdict")!.textContent).toBe("Gửi được, có 1 cảnh báo");
    expect(card.querySelector("tr[data-code] td")!.textContent).toBe("cả tệp");
    expect(card.textContent).toContain("chưa đối chiếu mã đơn vị");
    expect(card.querySelector(".check-download")).not.toBeNull();
  });
});
