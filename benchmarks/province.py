"""Synthetic plans for the benchmark, made from the sample plan `plans/xuan-phuc-2023.yaml`.

- `province(n, folder)`: n plans of n communes, as a province office would rebuild them: each
  with its own commune and district names, signer, basis number, households and counts (the
  rates stay, the counts scale with the households, so every figure still agrees), and unit
  names of its own. Each has the sample's 8 units: 17 documents a plan, 1,700 for n = 100.
- `grown(factor, folder)`: one plan with `factor` times the sample's units (so duties, letters
  and task sheets) and body sections (so paragraphs), for the growth test.
- `more_duties(factor, folder)`: two versions of a plan with `factor` times the sample's duties,
  the second with duties reworded, removed and added, for `diff` at scale.

    python benchmarks/province.py 100 FOLDER    # writes FOLDER/<commune>-2023.yaml, prints the paths
"""

from __future__ import annotations

import copy
import random
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "plans" / "xuan-phuc-2023.yaml"
COMMUNE, DISTRICT = "Xuân Phúc", "Như Thanh"

_FIRST = ("An", "Bình", "Hòa", "Phú", "Tân", "Thạnh", "Long", "Mỹ", "Phước", "Hưng", "Đông", "Tây",
          "Quảng", "Thuận", "Vĩnh", "Hải", "Sơn", "Cẩm", "Yên", "Xuân")
_SECOND = ("Lộc", "Thịnh", "Hòa", "Phú", "Khánh", "Lợi", "Thành", "Hiệp", "Tiến", "Trung", "Đức",
           "Minh", "Nghĩa", "Quang", "Tân", "Thắng", "Long", "Bình", "An", "Phong")
_SIGNERS = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Quang Minh", "Phạm Thị Hoa", "Hoàng Văn Đức",
            "Vũ Thị Lan", "Đặng Quốc Huy", "Bùi Thị Mai", "Đỗ Văn Hùng", "Ngô Thị Thu")


def sample_data() -> dict[str, Any]:
    """Returns the sample plan as data."""
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))


def commune_name(index: int) -> str:
    """Returns a commune name for `index`, different for each index below 400."""
    first = _FIRST[index % len(_FIRST)]
    second = _SECOND[(7 * index + index // len(_FIRST)) % len(_SECOND)]
    return f"{first} {second}"


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(char for char in plain if not unicodedata.combining(char)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain))


def varied(index: int) -> dict[str, Any]:
    """Returns the sample plan made over for commune number `index`."""
    commune, district = commune_name(index), commune_name(index + 200)
    data = _renamed(sample_data(), {COMMUNE: commune, COMMUNE.upper(): commune.upper(),
                                    DISTRICT: district, DISTRICT.upper(): district.upper()})
    scale = 1 + index % 3  # households and counts grow together: the rates stay true
    data["households"] *= scale
    for indicator in data["indicators"]:
        for figure in ("baseline", "target", "reduction"):
            if figure in indicator and indicator[figure].get("count") is not None:
                indicator[figure]["count"] *= scale
    data["basis"][0]["number"] = 100 + index
    data["signer"]["name"] = _SIGNERS[index % len(_SIGNERS)]
    for unit in data["units"]:
        if unit["id"] == "cac-thon":
            unit["name"] = f"Các thôn của xã {commune}"
    return data


def province(count: int, folder: Path) -> list[Path]:
    """Writes `count` varied plans into `folder` and returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"{index + 1:03d}-{slug(commune_name(index))}-2023.yaml"
        _write(varied(index), path)
        paths.append(path)
    return paths


def grown(factor: int, folder: Path) -> Path:
    """Writes the sample plan with `factor` times its units and body sections into `folder`
    and returns its path. The copies of a unit get ids and names of their own and support their
    own copies; the body sections repeat before the last one ("Tổ chức thực hiện", whose units
    block lists every unit)."""
    data = sample_data()
    originals = list(data["units"])
    for copy_number in range(2, factor + 1):
        for unit in originals:
            twin = copy.deepcopy(unit)
            twin["id"] = f"{unit['id']}-{copy_number}"
            twin["name"] = f"{unit['name']} (nhóm {copy_number})"
            for duty in twin.get("duties", []):
                if "support" in duty:
                    duty["support"] = [f"{supported}-{copy_number}" for supported in duty["support"]]
            data["units"].append(twin)
    *body, last = data["sections"]
    data["sections"] = [copy.deepcopy(section) for _ in range(factor) for section in body] + [last]
    path = folder / f"grown-{factor}x.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    _write(data, path)
    return path


def more_duties(factor: int, folder: Path, reword_every: int = 3) -> tuple[Path, Path]:
    """Writes into `folder` the sample with each unit's duties repeated `factor` times (each
    copy the duty's words in an order of its own, so that no two are alike, ending "(đợt k)"
    for copy k), and the same plan changed: in each unit, counting its duties from 0,
    duty n is removed when n % 10 == 3, else reworded (" trong năm" added) when
    n % `reword_every` == 0, and a new duty follows duty n when n % 17 == 5; returns (old, new).
    With `reword_every` 1 no duty is left as it was: the hardest case to align."""
    old, new = sample_data(), sample_data()
    for before, after in zip(old["units"], new["units"]):
        duties = before.get("duties")
        if not duties:
            continue
        before["duties"], after["duties"] = [], []
        for n, duty in enumerate(duty for copy_number in range(factor) for duty in duties):
            words = [word for word in duty["text"].split() if word.isalpha()]
            random.Random(n).shuffle(words)
            copied = {**duty, "text": f"{' '.join(words)} (đợt {n // len(duties) + 1})"}
            before["duties"].append(copied)
            if n % 10 != 3:
                reworded = n % reword_every == 0
                after["duties"].append({**copied, "text": copied["text"] + " trong năm"} if reworded else copied)
            if n % 17 == 5:
                after["duties"].append({"text": f"Nhiệm vụ mới số {n} của {before['name']}."})
    folder.mkdir(parents=True, exist_ok=True)
    paths = folder / f"duties-{factor}x.yaml", folder / f"duties-{factor}x-reworded-{reword_every}.yaml"
    for data, path in zip((old, new), paths):
        _write(data, path)
    return paths


def _renamed(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):
        for old, new in names.items():
            value = value.replace(old, new)
        return value
    if isinstance(value, list):
        return [_renamed(item, names) for item in value]
    if isinstance(value, dict):
        return {key: _renamed(item, names) for key, item in value.items()}
    return value


def _write(data: dict[str, Any], path: Path) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100),
                    encoding="utf-8")


if __name__ == "__main__":
    for written in province(int(sys.argv[1]), Path(sys.argv[2])):
        print(written)
