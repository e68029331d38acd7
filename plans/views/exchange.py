"""The plan as a file: JSON export of one plan, and import of such a file as a new plan:
upload, preview with the choice of counterparty, confirm."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts.services import profile_for
from counterparties.models import Counterparty
from plans.culture import edition_variances, plan_gap_analysis
from plans.exchange import PLAN_LISTS, ImportFailed, plan_export_json, plan_import_prepare
from plans.filenames import content_disposition, download_filename, original_filename
from plans.import_matching import PersonMatch, person_matches, rank_counterparties
from plans.output_forms import NEW_COUNTERPARTY, PlanImportChoiceForm, PlanImportForm
from plans.pending_imports import (
    PENDING_SECONDS,
    PendingImportGone,
    pending_import_confirm,
    pending_import_discard,
    pending_import_raw,
    pending_import_store,
)
from plans.printing import plan_for_print


@never_cache
@require_safe
def plan_export(request, pk):
    plan = plan_for_print(request.user, pk)
    analysis = plan_gap_analysis(plan, profile_for(request.user), edition_variances(plan.edition))
    today = timezone.localdate()
    parts = (plan.counterparty.name, plan.title)
    response = HttpResponse(
        plan_export_json(plan, analysis), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition(
        download_filename(*parts, day=today, extension="json"),
        original_filename(*parts, day=today, extension="json"),
    )
    return response


@require_http_methods(["GET", "POST"])
def plan_import_view(request):
    # Bound on every POST: an empty POST (no file chosen) must show the error.
    if request.method == "POST":
        form = PlanImportForm(request.POST, request.FILES)
    else:
        form = PlanImportForm()
    errors: list[str] = []
    if form.is_bound and form.is_valid():
        raw = form.cleaned_data["file"].read()
        try:
            plan_import_prepare(owner=request.user, raw=raw)
        except ImportFailed as failure:
            errors = failure.errors
        else:
            key = pending_import_store(owner=request.user, raw=raw)
            return redirect("plans:import_confirm", key=key)
    return render(request, "plans/plan_import.html", {"form": form, "errors": errors})


SHOW_PEOPLE = "show"
CANCEL = "cancel"
STAGE_ITEMS = {
    "roadmap_steps": "roadmap steps",
    "say_early_items": "things to say early",
    "learn_items": "things to learn",
    "tell_items": "things to tell them",
    "keep_items": "things to keep to ourselves",
    "questions": "questions",
    "occasions": "occasions",
}


def _import_gone(request):
    """Expired, used up, or someone else's: the same answer, without saying which."""
    return render(request, "plans/plan_import_gone.html", status=404)


def _imported_message(plan, matches: list[PersonMatch], attached: bool) -> str:
    if not attached:
        return (
            f"Plan “{plan.title}” imported with a new counterparty, “{plan.counterparty.name}”, "
            f"and {len(matches)} {pluralize(len(matches), 'person,people')} from the file."
        )
    matched = sum(1 for m in matches if m.existing is not None)
    return (
        f"Plan “{plan.title}” imported for your counterparty “{plan.counterparty.name}”: "
        f"{matched} of the file's people matched people you had recorded, "
        f"{len(matches) - matched} added."
    )


@never_cache
@require_http_methods(["GET", "POST"])
def plan_import_confirm(request, key):
    """The import preview: what the file holds and where it goes; POST imports or cancels."""
    raw = pending_import_raw(owner=request.user, key=key)
    if raw is None:
        return _import_gone(request)
    if request.method == "POST" and CANCEL in request.POST:
        pending_import_discard(owner=request.user, key=key)
        messages.info(request, "Import cancelled: nothing was imported.")
        return redirect("plans:import")
    try:
        prepared = plan_import_prepare(owner=request.user, raw=raw)
    except ImportFailed as failure:
        # Valid at upload; the app's own data changed since (an edition was removed, say).
        pending_import_discard(owner=request.user, key=key)
        return render(
            request, "plans/plan_import.html", {"form": PlanImportForm(), "errors": failure.errors}
        )
    file_counterparty = prepared.counterparty
    candidates = rank_counterparties(
        file_counterparty.name,
        file_counterparty.country_id,
        list(Counterparty.objects.owned_by(request.user).select_related("country")),
    )
    form = PlanImportChoiceForm(
        request.POST if request.method == "POST" else None,
        file_name=file_counterparty.name,
        file_country=file_counterparty.country,
        candidates=candidates,
    )
    if form.is_bound:
        selected = form.choice(request.POST.get("counterparty"))
    else:
        linked = request.GET.get("counterparty")
        if linked == NEW_COUNTERPARTY or form.choice(linked) is not None:
            form.fields["counterparty"].initial = linked
        selected = form.choice(form.fields["counterparty"].initial)
    matches = person_matches(
        list(prepared.people.items()), list(selected.people.all()) if selected else []
    )
    if form.is_bound and form.is_valid():
        if SHOW_PEOPLE in request.POST:
            query = urlencode({"counterparty": form.cleaned_data["counterparty"]})
            return redirect(f"{reverse('plans:import_confirm', args=[key])}?{query}#people")
        try:
            plan = pending_import_confirm(owner=request.user, key=key, attach_to=form.attach_to())
        except PendingImportGone:
            return _import_gone(request)
        except ImportFailed as failure:
            form.add_error(None, " ".join(failure.errors))
        else:
            messages.success(request, _imported_message(plan, matches, selected is not None))
            return redirect(plan)
    cleaned = prepared.cleaned
    context = {
        "form": form,
        "plan": prepared.plan,
        "file_counterparty": file_counterparty,
        "adjustments": prepared.adjustments,
        "counts": [(STAGE_ITEMS[part.key], len(cleaned.lists[part.key])) for part in PLAN_LISTS],
        "selected": selected,
        "matches": matches,
        "matched_count": sum(1 for m in matches if m.existing is not None),
        "expires_minutes": PENDING_SECONDS // 60,
    }
    return render(request, "plans/plan_import_confirm.html", context)
