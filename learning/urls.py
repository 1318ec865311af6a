from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.search, name="learning_search"),
    path("search/autocomplete/", views.autocomplete, name="learning_search_autocomplete"),
]
