"""Why a step cannot be taken. Both are ValidationErrors, so a view can show the
message beside the action; a wrong role or office raises PermissionDenied instead."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class TransisiTidakTersedia(ValidationError):
    """The process is not (or no longer) at this step: a second click, a second tab,
    or someone else was first."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or _(
                "Langkah ini sudah dilakukan atau belum dapat dilakukan pada tahap ini."
            ),
            code="transisi_tidak_tersedia",
        )


class KelengkapanBelumLengkap(ValidationError):
    """A required input (kelengkapan) of the step's mutu baku is missing; `kurang`
    names each one."""

    def __init__(self, kurang: list[str]) -> None:
        self.kurang = list(kurang)
        super().__init__(
            _("Kelengkapan belum terpenuhi: %(kurang)s.")
            % {"kurang": "; ".join(self.kurang)},
            code="kelengkapan",
        )
