"""gunicorn.conf.py: each worker freezes what it has loaded once the app is up."""

import gc
import runpy
from pathlib import Path
from unittest import mock

import pytest

CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


@pytest.fixture
def conf():
    return runpy.run_path(str(CONF))


def test_post_worker_init_freezes_the_loaded_objects(conf):
    worker = mock.Mock()
    gc.unfreeze()
    try:
        conf["post_worker_init"](worker)
        assert (
            gc.get_freeze_count() > 10_000
        )  # Django, the URL conf, the views: all loaded, now frozen
        worker.log.exception.assert_not_called()
    finally:
        gc.unfreeze()


def test_a_failed_warm_up_is_logged_and_the_worker_still_freezes(conf):
    worker = mock.Mock()
    gc.unfreeze()
    try:
        with mock.patch("django.urls.reverse", side_effect=RuntimeError("boom")):
            conf["post_worker_init"](worker)
        worker.log.exception.assert_called_once()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_gunicorn_reads_the_file_as_its_configuration(conf):
    from gunicorn.config import Config

    cfg = Config()
    for name in ("timeout", "worker_tmp_dir"):
        if name in conf:
            cfg.set(name, conf[name])
    assert cfg.timeout == 120
    assert callable(conf["post_worker_init"]) and cfg.settings[
        "post_worker_init"
    ].validator(conf["post_worker_init"])
