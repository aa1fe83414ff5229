package pay

// Category is a class of paid time that can earn a premium. Categories
// describe when the time was worked, not what it earns: Saturday hours are
// reported even where the Saturday premium is zero. A minute may belong to
// several categories at once (a Sunday night minute is both Night and
// Sunday); paid time that belongs to none is "regular".
type Category int

const (
	// Night: the minute's local wall-clock time lies in the rules' night window.
	Night Category = iota
	// Saturday: the minute's local date is a Saturday.
	Saturday
	// Sunday: the minute's local date is a Sunday.
	Sunday
	// Holiday: the minute's local date is a public holiday of the site.
	Holiday
	// Overtime: the minute lies beyond the contract hours of its week, or
	// beyond the rules' daily limit of its workday (see Summarize).
	Overtime

	// NumCategories is the number of categories; arrays indexed by
	// Category have this length.
	NumCategories = int(Overtime) + 1
)

var categoryNames = [NumCategories]string{"night", "saturday", "sunday", "holiday", "overtime"}

// String returns the lower-case name: "night", "saturday", "sunday",
// "holiday", "overtime".
func (c Category) String() string {
	if c < 0 || int(c) >= NumCategories {
		return "category(?)"
	}
	return categoryNames[c]
}

// Categories lists every category in index order.
func Categories() []Category {
	return []Category{Night, Saturday, Sunday, Holiday, Overtime}
}

// Set is a set of categories, one bit per Category. The empty set means
// regular time.
type Set uint8

// Has reports whether c is in s.
func (s Set) Has(c Category) bool { return s&(1<<c) != 0 }

// With returns s with c added.
func (s Set) With(c Category) Set { return s | 1<<c }
