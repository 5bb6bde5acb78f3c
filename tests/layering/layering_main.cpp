// Links a whole library so the layering check can read what it really depends on.
int main()
{
    return 0;
}
