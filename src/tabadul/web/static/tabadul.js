// tabadul's only script: progressive enhancement. Every form works without it.
// - Confirming or rejecting a hit on the screening page happens in place (no reload),
//   so the officer keeps the results in view.
// - A passenger list being screened shows its progress without reloading the page.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form[data-inplace]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = event.submitter;
      const body = new FormData(form);
      if (button && button.name) body.set(button.name, button.value);
      const answer = await fetch(form.action, {
        method: "POST",
        body,
        headers: { "X-Requested-With": "fetch" },
        credentials: "same-origin",
      });
      if (!answer.ok) {
        form.submit();
        return;
      }
      const decided = form.parentElement.querySelector(".decided");
      if (decided) {
        decided.textContent = decided.dataset[button.value] || "";
        decided.hidden = false;
      }
      form.remove();
    });
  }

  const progress = document.querySelector("[data-progress-url]");
  if (progress) {
    const bar = progress.querySelector("progress");
    const label = progress.querySelector("[data-progress-label]");
    const poll = async () => {
      const answer = await fetch(progress.dataset.progressUrl, { credentials: "same-origin" });
      if (!answer.ok) return;
      const state = await answer.json();
      if (bar) {
        bar.max = state.total || 1;
        bar.value = state.done;
      }
      if (label) label.textContent = `${state.done} / ${state.total}`;
      if (state.finished) {
        window.location.reload();
      } else {
        window.setTimeout(poll, 1000);
      }
    };
    window.setTimeout(poll, 500);
  }
});
