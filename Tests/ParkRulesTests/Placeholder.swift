import ParkRules
