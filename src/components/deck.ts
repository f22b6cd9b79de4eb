// A slide deck: fixed 1920 × 1080 slides scaled to fit their stage (a window, a projector, full screen), one at a
// time on screen and one per A4-landscape page in print; arrow keys, Page Up/Down, Space, Home/End, clicks and
// buttons move between slides. DOM only.

export const SLIDE_WIDTH = 1920;
export const SLIDE_HEIGHT = 1080;

export interface Deck {
  element: HTMLElement;
  readonly index: number;
  readonly count: number;
  go(i: number): void;
  next(): void;
  prev(): void;
  fullscreen(): Promise<void>;
  current(): HTMLElement;
}

function isFormControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest("input, select, textarea, button, a, [contenteditable]");
}

export function createDeck(slides: HTMLElement[], {start = 0, onChange}: {start?: number; onChange?: (i: number) => void} = {}): Deck {
  const element = document.createElement("div");
  element.className = "deck";
  element.tabIndex = 0;
  element.setAttribute("role", "region");
  element.setAttribute("aria-roledescription", "trình chiếu");
  element.setAttribute("aria-label", "Trình chiếu: dùng phím mũi tên hoặc bấm chuột để chuyển trang");
  const stage = document.createElement("div");
  stage.className = "deck-stage";
  const frames = slides.map((slide) => {
    const frame = document.createElement("div");
    frame.className = "slide-frame";
    frame.append(slide);
    stage.append(frame);
    return frame;
  });
  const nav = document.createElement("div");
  nav.className = "deck-nav";
  const prevButton = Object.assign(document.createElement("button"), {type: "button", className: "deck-button", textContent: "‹ Trang trước"});
  const nextButton = Object.assign(document.createElement("button"), {type: "button", className: "deck-button", textContent: "Trang sau ›"});
  const counter = document.createElement("span");
  counter.className = "deck-counter";
  counter.setAttribute("aria-live", "polite");
  nav.append(prevButton, counter, nextButton);
  element.append(stage, nav);

  let index = Math.max(0, Math.min(slides.length - 1, start));
  const show = () => {
    frames.forEach((f, i) => {
      f.classList.toggle("active", i === index);
      f.setAttribute("aria-hidden", String(i !== index));
    });
    counter.textContent = `${index + 1} / ${slides.length}`;
    prevButton.disabled = index === 0;
    nextButton.disabled = index === slides.length - 1;
    onChange?.(index);
  };
  const go = (i: number) => {
    const j = Math.max(0, Math.min(slides.length - 1, i));
    if (j === index) return;
    index = j;
    show();
  };
  const fit = () => {
    const rect = stage.getBoundingClientRect();
    const full = document.fullscreenElement === element;
    const availableHeight = full ? window.innerHeight - nav.getBoundingClientRect().height : Infinity;
    const scale = Math.max(0.05, Math.min(rect.width / SLIDE_WIDTH, availableHeight / SLIDE_HEIGHT));
    element.style.setProperty("--slide-scale", String(scale));
  };
  new ResizeObserver(fit).observe(stage);
  document.addEventListener("fullscreenchange", () => requestAnimationFrame(fit));

  prevButton.addEventListener("click", () => go(index - 1));
  nextButton.addEventListener("click", () => go(index + 1));
  stage.addEventListener("click", (e) => {
    if (isFormControl(e.target)) return;
    const rect = stage.getBoundingClientRect();
    if (e.clientX - rect.left < rect.width * 0.25) go(index - 1);
    else go(index + 1);
  });
  const onKey = (e: KeyboardEvent) => {
    if (!element.isConnected) {
      document.removeEventListener("keydown", onKey);
      return;
    }
    // Keys act when the deck has focus or is full screen, and never while typing in a form control.
    const focused = document.fullscreenElement === element || element.contains(document.activeElement);
    const idle = document.activeElement === document.body || document.activeElement == null;
    if (!focused && !(idle && (e.key === "ArrowLeft" || e.key === "ArrowRight"))) return;
    if (isFormControl(e.target) && e.target !== element) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const keys: Record<string, () => void> = {
      ArrowRight: () => go(index + 1),
      ArrowDown: () => go(index + 1),
      PageDown: () => go(index + 1),
      " ": () => go(index + 1),
      ArrowLeft: () => go(index - 1),
      ArrowUp: () => go(index - 1),
      PageUp: () => go(index - 1),
      Home: () => go(0),
      End: () => go(slides.length - 1)
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };
  document.addEventListener("keydown", onKey);
  show();
  return {
    element,
    get index() {
      return index;
    },
    get count() {
      return slides.length;
    },
    go,
    next: () => go(index + 1),
    prev: () => go(index - 1),
    fullscreen: async () => {
      if (document.fullscreenElement) await document.exitFullscreen();
      else await element.requestFullscreen();
      element.focus();
    },
    current: () => slides[index]
  };
}
