// Ask before leaving a page whose form (marked data-warn-unsaved) has unsaved changes.
// Progressive enhancement: without this script the forms work exactly the same.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-warn-unsaved]");
  if (!forms.length) {
    return;
  }
  var dirty = false;
  var submitting = false;
  forms.forEach(function (form) {
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { submitting = true; });
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = "";  // older browsers need a value to show the prompt
    }
  });
})();
