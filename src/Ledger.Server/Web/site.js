// Shows the details of the timeline step or mark under the pointer or the keyboard focus in one place that
// screen readers announce (aria-live); the same text is each element's SVG <title> for a plain hover.
(() => {
  const detail = document.getElementById("step-detail");
  if (!detail) return;
  const show = (event) => {
    const target = event.target.closest("[data-detail]");
    if (target) detail.textContent = target.getAttribute("data-detail");
  };
  for (const kind of ["focusin", "mouseover"]) document.addEventListener(kind, show);
})();
