from django.urls import path

from plans.views import edition as edition_views
from plans.views import exchange, printing
from plans.views import goals as goals_views
from plans.views import plan as views
from plans.views import relationship as relationship_views

app_name = "plans"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("plans/", views.plan_list, name="list"),
    path("plans/new/", views.plan_create_view, name="create"),
    path("plans/<int:pk>/", views.plan_detail, name="detail"),
    path("plans/<int:pk>/edit/", views.plan_update, name="update"),
    path("plans/<int:pk>/delete/", views.plan_delete, name="delete"),
    path("plans/<int:pk>/gap/", views.plan_gap, name="gap"),
    path("plans/<int:pk>/edition/", edition_views.plan_edition_switch, name="edition"),
    path("plans/<int:pk>/print/", printing.plan_print, name="print"),
    path("plans/<int:pk>/plan.pdf", printing.plan_pdf, name="pdf"),
    path("plans/<int:pk>/export.json", exchange.plan_export, name="export"),
    path("plans/import/", exchange.plan_import_view, name="import"),
    path("plans/import/<slug:key>/", exchange.plan_import_confirm, name="import_confirm"),
    path("plans/<int:pk>/goals/", goals_views.plan_goals, name="goals"),
    path(
        "plans/<int:pk>/relationship/",
        relationship_views.plan_relationship,
        name="relationship",
    ),
]
