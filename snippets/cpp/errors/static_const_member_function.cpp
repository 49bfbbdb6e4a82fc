// A const member function makes its implicit object parameter const (*this is
// a const object). A static member function has no object parameter, so there
// is nothing for const to qualify.
struct Session {
    static int count() const;   // error
};

int main() {}
