"""The domain vocabulary of planwatch: pure types and period algebra, no I/O."""

from planwatch.model.indicator import Direction, Frequency, Indicator, Measure, Nature, PriceBasis
from planwatch.model.material import Material, MaterialKind, ReviewState
from planwatch.model.observation import Observation
from planwatch.model.period import Period, PeriodError, PeriodKind, parse_period
from planwatch.model.plan import Document, Plan
from planwatch.model.project import Project, ProjectGroup, ProjectLevel, ProjectProgress
from planwatch.model.region import Region, RegionLevel, RegionTree
from planwatch.model.source import Source, SourceKind
from planwatch.model.target import Comparison, NumericGoal, Target
from planwatch.model.task import Task, TaskGroup, TaskStatus
from planwatch.model.units import Unit, UnitError, is_known_unit, parse_unit

__all__ = [
    "Comparison", "Direction", "Document", "Frequency", "Indicator", "Material", "MaterialKind", "Measure", "Nature", "NumericGoal",
    "Observation", "Period", "PeriodError", "PeriodKind", "Plan", "PriceBasis", "Project", "ProjectGroup",
    "ProjectLevel", "ProjectProgress", "Region", "RegionLevel", "RegionTree", "ReviewState", "Source", "SourceKind",
    "Target", "Task", "TaskGroup", "TaskStatus", "Unit", "UnitError", "is_known_unit", "parse_period",
    "parse_unit",
]
