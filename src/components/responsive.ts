// A container that draws its content at its own width and redraws when that width changes (like Framework's
// `resize`, but usable from modules and from the slides). DOM only.

export function responsive(render: (width: number) => Node, {className = "responsive"}: {className?: string} = {}): HTMLElement {
  const div = document.createElement("div");
  div.className = className;
  let drawn = -1;
  let frame = 0;
  const draw = (width: number) => {
    const w = Math.floor(width);
    if (w <= 0 || w === drawn) return;
    drawn = w;
    div.replaceChildren(render(w));
  };
  const observer = new ResizeObserver((entries) => {
    const width = entries[entries.length - 1].contentRect.width;
    cancelAnimationFrame(frame);
    // The first draw is immediate; later ones wait for the resize to settle for a frame.
    if (drawn < 0) draw(width);
    else frame = requestAnimationFrame(() => draw(width));
  });
  observer.observe(div);
  return div;
}
