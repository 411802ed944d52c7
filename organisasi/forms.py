from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class MasukForm(AuthenticationForm):
    """Sign-in form with a plain Indonesian message for a wrong user name or password."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Nama pengguna atau sandi salah. Perhatikan huruf besar/kecil."
        ),
        "inactive": _("Akun ini tidak aktif. Hubungi admin perangkat daerah."),
    }
