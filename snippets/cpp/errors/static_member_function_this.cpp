// A static member function has no this pointer, so it cannot use non-static members.
class Session {
public:
    static int current_id() { return id_; }   // error
    int id() const { return id_; }            // fine: a non-static member function has this
private:
    int id_ = 0;
};

int main() { return Session::current_id(); }
