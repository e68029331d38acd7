from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from counterparties import services
from counterparties.culture import culture_rows, national_scores
from counterparties.forms import CounterpartyForm, CultureAdjustmentsForm, PersonForm
from counterparties.models import Counterparty, Person
from countries.models import ScoreEdition
from plans.models import Plan

PAGE_SIZE = 25
SEARCH_MAX_LENGTH = 100
# Sort key in the URL -> ORDER BY; "-" in front reverses. The pk keeps pages stable.
SORT_FIELDS = {
    "name": ("name", "pk"),
    "country": ("country__name", "name", "pk"),
    "updated": ("updated_at", "pk"),
}
SORT_LABELS = {"name": "Name", "country": "Country", "updated": "Last updated"}
DEFAULT_SORT = "name"


def _ordering(sort: str) -> tuple[str, ...]:
    key = sort.removeprefix("-")
    fields = SORT_FIELDS[key]
    if sort.startswith("-"):
        return tuple(f"-{field}" for field in fields)
    return fields


def _sort_headers(current: str) -> dict[str, dict]:
    """Per sortable column: the sort value its link sets, its aria-sort state and arrow."""
    headers = {}
    for key, label in SORT_LABELS.items():
        if current == key:
            state, link, arrow = "ascending", f"-{key}", "▲"
        elif current == f"-{key}":
            state, link, arrow = "descending", key, "▼"
        else:
            state, link, arrow = "", key, ""
        headers[key] = {"label": label, "sort": link, "aria_sort": state, "arrow": arrow}
    return headers


@require_safe
def counterparty_list(request):
    # PostgreSQL refuses NUL in a query string: drop it rather than fail with a 500.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:SEARCH_MAX_LENGTH]
    sort = request.GET.get("sort", DEFAULT_SORT)
    if sort.removeprefix("-") not in SORT_FIELDS:
        sort = DEFAULT_SORT
    counterparties = (
        Counterparty.objects.owned_by(request.user)
        .select_related("country")
        .with_namesakes()
        .annotate(
            people_count=Count("people", distinct=True),
            plan_count=Count("plans", distinct=True),
        )
        .order_by(*_ordering(sort))
    )
    if query:
        counterparties = counterparties.search(query)
    paginator = Paginator(counterparties, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "counterparties/counterparty_list.html",
        {
            "page": page,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "ellipsis": Paginator.ELLIPSIS,
            "query": query,
            "sort": sort,
            "headers": _sort_headers(sort),
        },
    )


@require_http_methods(["GET", "POST"])
def counterparty_create(request):
    form = CounterpartyForm(request.POST if request.method == "POST" else None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        counterparty = form.save()
        messages.success(request, f"“{counterparty}” is added.")
        return redirect(counterparty)
    return render(request, "counterparties/counterparty_form.html", {"form": form})


@require_safe
def counterparty_detail(request, pk):
    counterparty = get_object_or_404(
        Counterparty.objects.select_related("country").prefetch_related("people", "adjustments"),
        pk=pk,
        owner=request.user,
    )
    edition = ScoreEdition.objects.default()
    country_score = counterparty.country.score_in(edition)
    return render(
        request,
        "counterparties/counterparty_detail.html",
        {
            "counterparty": counterparty,
            "people": counterparty.people.all(),
            "plans": counterparty.plans.order_by("-updated_at", "pk"),
            "edition": edition,
            "has_national_scores": country_score is not None,
            "culture": culture_rows(
                national=national_scores(country_score),
                adjustments=counterparty.adjustments.all(),
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def counterparty_update(request, pk):
    counterparty = get_object_or_404(Counterparty, pk=pk, owner=request.user)
    form = CounterpartyForm(
        request.POST if request.method == "POST" else None,
        instance=counterparty,
        owner=request.user,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Your changes to “{counterparty}” are saved.")
        return redirect(counterparty)
    return render(
        request,
        "counterparties/counterparty_form.html",
        {"form": form, "counterparty": counterparty},
    )


@require_http_methods(["GET", "POST"])
def counterparty_delete(request, pk):
    counterparty = get_object_or_404(Counterparty, pk=pk, owner=request.user)
    if request.method == "POST":
        try:
            services.counterparty_delete(counterparty=counterparty)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("counterparties:delete", pk=counterparty.pk)
        messages.success(request, f"“{counterparty}” is deleted, with its people.")
        return redirect("counterparties:list")
    return render(
        request,
        "counterparties/counterparty_confirm_delete.html",
        {
            "counterparty": counterparty,
            "plans": counterparty.plans.order_by("title", "pk"),
            "people_count": counterparty.people.count(),
            "adjustment_count": counterparty.adjustments.count(),
        },
    )


@require_http_methods(["GET", "POST"])
def counterparty_culture(request, pk):
    counterparty = get_object_or_404(
        Counterparty.objects.select_related("country"), pk=pk, owner=request.user
    )
    edition = ScoreEdition.objects.default()
    country_score = counterparty.country.score_in(edition)
    form = CultureAdjustmentsForm(
        request.POST if request.method == "POST" else None,
        national=national_scores(country_score),
        current={a.dimension: a for a in counterparty.adjustments.all()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.counterparty_set_adjustments(
                counterparty=counterparty, adjustments=form.adjustments()
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"The culture of “{counterparty}” is saved.")
            return redirect(f"{counterparty.get_absolute_url()}#culture")
    return render(
        request,
        "counterparties/counterparty_culture_form.html",
        {
            "form": form,
            "counterparty": counterparty,
            "edition": edition,
            "has_national_scores": country_score is not None,
        },
    )


@require_http_methods(["GET", "POST"])
def person_create(request, pk):
    counterparty = get_object_or_404(Counterparty, pk=pk, owner=request.user)
    form = PersonForm(request.POST if request.method == "POST" else None, counterparty=counterparty)
    if request.method == "POST" and form.is_valid():
        person = form.save()
        messages.success(request, f"{person} is added to “{counterparty}”.")
        return redirect(f"{counterparty.get_absolute_url()}#people")
    return render(
        request, "counterparties/person_form.html", {"form": form, "counterparty": counterparty}
    )


def _person_or_404(request, pk, person_pk) -> Person:
    return get_object_or_404(
        Person.objects.select_related("counterparty"),
        pk=person_pk,
        counterparty__pk=pk,
        counterparty__owner=request.user,
    )


@require_http_methods(["GET", "POST"])
def person_update(request, pk, person_pk):
    person = _person_or_404(request, pk, person_pk)
    counterparty = person.counterparty
    form = PersonForm(
        request.POST if request.method == "POST" else None,
        instance=person,
        counterparty=counterparty,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Your changes to {person} are saved.")
        return redirect(f"{counterparty.get_absolute_url()}#people")
    return render(
        request,
        "counterparties/person_form.html",
        {"form": form, "counterparty": counterparty, "person": person},
    )


@require_http_methods(["GET", "POST"])
def person_delete(request, pk, person_pk):
    person = _person_or_404(request, pk, person_pk)
    counterparty = person.counterparty
    if request.method == "POST":
        try:
            services.person_delete(person=person)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("counterparties:person_delete", pk=counterparty.pk, person_pk=person.pk)
        messages.success(request, f"{person} is removed from “{counterparty}”.")
        return redirect(f"{counterparty.get_absolute_url()}#people")
    return render(
        request,
        "counterparties/person_confirm_delete.html",
        {
            "person": person,
            "counterparty": counterparty,
            "plans": Plan.objects.owned_by(request.user).using_person(person),
        },
    )
