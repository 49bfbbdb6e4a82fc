// An explicit constructor is not used for implicit conversions.
struct Meters {
    double value;
    explicit Meters(double v) : value(v) {}
};

double twice(Meters m) { return 2 * m.value; }

double three_meters_twice() {
    return twice(3.0);  // error
}
