from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("plans/", views.plan_list, name="list"),
    path("plans/<int:pk>/", views.plan_detail, name="detail"),
]
