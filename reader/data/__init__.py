"""Where yomu keeps things: paths, settings and caches (no UI imports)."""

from reader.data.config import Settings, load_settings, save_settings
from reader.data.paths import bundled_seed, config_dir, data_dir, styles_dir

__all__ = ["Settings", "bundled_seed", "config_dir", "data_dir", "load_settings", "save_settings", "styles_dir"]
