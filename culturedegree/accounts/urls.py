from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.profile, name="account_profile"),
    path("profile/data/", views.personal_data, name="account_personal_data"),
    path("delete/", views.delete_account, name="account_delete"),
]
