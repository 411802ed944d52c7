from django.urls import path

from . import views

app_name = "sop"

urlpatterns = [
    path("siklus/<int:pk>/", views.siklus_detail, name="siklus_detail"),
]
