"""The Wagtail admin of the learning app: enrollments, choosers, autosave, translation review,
and the guards on moving or deleting pages with learner records. Registered from
learning.wagtail_hooks. (Django's admin autodiscovery imports this package too; it registers
nothing here.)"""
