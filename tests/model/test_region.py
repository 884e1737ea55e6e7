from planwatch.model import Region, RegionLevel, RegionTree


def tree() -> RegionTree:
    return RegionTree([
        Region("320000", "江苏省", RegionLevel.PROVINCE),
        Region("320500", "苏州市", RegionLevel.CITY, "320000"),
        Region("320509", "吴江区", RegionLevel.COUNTY, "320500"),
        Region("wj-pingwang", "平望镇", RegionLevel.TOWN, "320509"),
        Region("wj-taoyuan", "桃源镇", RegionLevel.TOWN, "320509"),
    ])


def test_towns_roll_up_to_the_district_city_and_province() -> None:
    regions = tree()
    assert [r.name for r in regions.ancestors("wj-taoyuan")] == ["吴江区", "苏州市", "江苏省"]
    assert {r.name for r in regions.descendants("320509")} == {"平望镇", "桃源镇"}
    assert {r.name for r in regions.descendants("320000")} == {"苏州市", "吴江区", "平望镇", "桃源镇"}


def test_find_by_code_or_name() -> None:
    regions = tree()
    assert regions.find("吴江区") == regions.find("320509")
    assert regions.find("上海市") is None
