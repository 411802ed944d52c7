from django.urls import path

from . import views

app_name = "dokumen"

urlpatterns: list = []
