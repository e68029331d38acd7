"""The plan on paper: the print view and the PDF of the same content."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts.services import profile_for
from plans.filenames import content_disposition
from plans.output_forms import PrintOptionsForm
from plans.pdf import render_pdf
from plans.printing import pdf_filenames, plan_for_print, print_context


@never_cache
@require_safe
def plan_print(request, pk):
    plan = plan_for_print(request.user, pk)
    form = PrintOptionsForm.from_query(request.GET)
    options = form.options()
    context = print_context(plan, profile_for(request.user), options)
    context["form"] = form
    return render(request, "plans/print/plan_print.html", context)


@never_cache
@require_safe
def plan_pdf(request, pk):
    plan = plan_for_print(request.user, pk)
    options = PrintOptionsForm.from_query(request.GET).options()
    context = print_context(plan, profile_for(request.user), options)
    html = render_to_string("plans/print/plan_pdf.html", context, request=request)
    pdf = render_pdf(html, base_url=request.build_absolute_uri("/"), paper=options.paper)
    ascii_name, original = pdf_filenames(plan, context["printed_on"], options)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(ascii_name, original)
    return response
