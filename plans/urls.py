from django.urls import path

from plans.views import plan as views

app_name = "plans"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("plans/", views.plan_list, name="list"),
    path("plans/new/", views.plan_create_view, name="create"),
    path("plans/<int:pk>/", views.plan_detail, name="detail"),
    path("plans/<int:pk>/edit/", views.plan_update, name="update"),
    path("plans/<int:pk>/delete/", views.plan_delete, name="delete"),
    path("plans/<int:pk>/gap/", views.plan_gap, name="gap"),
]
