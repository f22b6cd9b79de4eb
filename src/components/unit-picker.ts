// A searchable unit picker (like Our World in Data's entity picker): a search box that matches names and codes
// without diacritics ("chiem hoa" finds "Chiêm Hóa"), a list of checkboxes, and the picked units as removable
// chips with their line colour. Works with Framework's `view()`/`Generators.input()`: it has a `value` (array of
// codes) and dispatches "input" events. Native checkboxes and buttons, so it works from the keyboard.
import {foldSearch} from "./series.js";

export interface PickerUnit {
  code: string;
  name: string;
  /** Secondary text (e.g. the value in the latest year). */
  note?: string | null;
}

export interface PickerOptions {
  label?: string;
  value?: string[];
  max?: number;
  /** Colour of each picked unit, by position in the picked list. */
  colors?: string[];
  placeholder?: string;
}

export interface PickerElement extends HTMLElement {
  value: string[];
}

export function unitPicker(units: PickerUnit[], opts: PickerOptions = {}): PickerElement {
  const max = opts.max ?? 8;
  const colors = opts.colors ?? [];
  const known = new Set(units.map((u) => u.code));
  let value = (opts.value ?? []).filter((c) => known.has(c)).slice(0, max);
  const root = document.createElement("div") as unknown as PickerElement;
  root.className = "unit-picker";
  const uid = `picker-${Math.random().toString(36).slice(2, 8)}`;

  const label = document.createElement("label");
  label.className = "picker-label";
  label.htmlFor = `${uid}-search`;
  label.textContent = opts.label ?? "Chọn đơn vị";
  const chips = document.createElement("div");
  chips.className = "picker-chips";
  chips.setAttribute("aria-live", "polite");
  const search = document.createElement("input");
  search.type = "search";
  search.id = `${uid}-search`;
  search.className = "picker-search";
  search.placeholder = opts.placeholder ?? "Tìm theo tên hoặc mã…";
  search.autocomplete = "off";
  search.setAttribute("aria-controls", `${uid}-list`);
  const status = document.createElement("div");
  status.className = "picker-status";
  const list = document.createElement("div");
  list.className = "picker-list";
  list.id = `${uid}-list`;
  list.setAttribute("role", "group");
  list.setAttribute("aria-label", opts.label ?? "Danh sách đơn vị");

  const folded = units.map((u) => ({u, key: `${foldSearch(u.name)} ${foldSearch(u.code)}`}));
  const boxes = new Map<string, HTMLInputElement>();
  const rows = new Map<string, HTMLElement>();
  for (const {u} of folded) {
    const row = document.createElement("label");
    row.className = "picker-row";
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = u.code;
    box.addEventListener("change", () => toggle(u.code, box.checked));
    const name = document.createElement("span");
    name.className = "picker-name";
    name.textContent = u.name;
    const code = document.createElement("span");
    code.className = "picker-code";
    code.textContent = u.code;
    row.append(box, name, code);
    if (u.note) {
      const note = document.createElement("span");
      note.className = "picker-note";
      note.textContent = u.note;
      row.append(note);
    }
    boxes.set(u.code, box);
    rows.set(u.code, row);
    list.append(row);
  }

  const emit = () => root.dispatchEvent(new Event("input", {bubbles: true}));
  function toggle(code: string, on: boolean) {
    if (on && !value.includes(code)) {
      if (value.length >= max) {
        boxes.get(code)!.checked = false;
        status.textContent = `Chọn tối đa ${max} đơn vị; bỏ bớt một đơn vị trước khi chọn thêm.`;
        return;
      }
      value = [...value, code];
    } else if (!on) value = value.filter((c) => c !== code);
    render();
    emit();
  }
  function render() {
    chips.replaceChildren(
      ...value.map((code, i) => {
        const u = units.find((x) => x.code === code)!;
        const chip = document.createElement("span");
        chip.className = "picker-chip";
        chip.style.setProperty("--chip-color", colors[i % Math.max(1, colors.length)] ?? "#6b7580");
        const text = document.createElement("span");
        text.textContent = u.name;
        const remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "×";
        remove.title = `Bỏ ${u.name}`;
        remove.setAttribute("aria-label", `Bỏ ${u.name}`);
        remove.addEventListener("click", () => {
          boxes.get(code)!.checked = false;
          toggle(code, false);
          search.focus();
        });
        chip.append(text, remove);
        return chip;
      })
    );
    if (!value.length) {
      const empty = document.createElement("span");
      empty.className = "picker-empty";
      empty.textContent = "Chưa chọn đơn vị nào.";
      chips.append(empty);
    }
    for (const [code, box] of boxes) box.checked = value.includes(code);
    filter();
  }
  function filter() {
    const q = foldSearch(search.value);
    const words = q ? q.split(" ") : [];
    let shown = 0;
    for (const {u, key} of folded) {
      const match = words.every((w) => key.includes(w));
      rows.get(u.code)!.hidden = !match;
      if (match) shown++;
    }
    status.textContent =
      (q ? `${shown} đơn vị khớp với “${search.value.trim()}”. ` : "") + `Đã chọn ${value.length}/${max}.`;
  }
  search.addEventListener("input", (e) => {
    e.stopPropagation(); // typing filters the list; it does not change the picker's value
    filter();
  });
  search.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      // Enter picks the first match.
      e.preventDefault();
      const first = folded.find(({u}) => !rows.get(u.code)!.hidden && !value.includes(u.code));
      if (first) {
        boxes.get(first.u.code)!.checked = true;
        toggle(first.u.code, true);
      }
    }
  });
  list.addEventListener("input", (e) => e.stopPropagation());
  list.addEventListener("change", (e) => e.stopPropagation());

  root.append(label, chips, search, status, list);
  Object.defineProperty(root, "value", {
    get: () => value,
    set: (v: string[]) => {
      value = (v ?? []).filter((c) => known.has(c)).slice(0, max);
      render();
    }
  });
  render();
  return root;
}
