"""The plan as a file: JSON export of one plan, and import of such a file as a new plan."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts.services import profile_for
from plans.culture import edition_variances, plan_gap_analysis
from plans.exchange import ImportFailed, plan_export_json, plan_import
from plans.filenames import content_disposition, download_filename, original_filename
from plans.output_forms import PlanImportForm
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
        upload = form.cleaned_data["file"]
        try:
            plan = plan_import(owner=request.user, raw=upload.read())
        except ImportFailed as failure:
            errors = failure.errors
        else:
            messages.success(
                request,
                f"Plan “{plan.title}” imported with a new counterparty, "
                f"“{plan.counterparty.name}”.",
            )
            return redirect(plan)
    return render(request, "plans/plan_import.html", {"form": form, "errors": errors})
